// Loads one entry of the installed nestjs-naz (argv[2], e.g. nestjs-naz/core) with require() or import()
// (argv[3]) and prints, as one JSON line, what it loaded: RSS added, whether reflect-metadata ran, and the
// @nestjs / rxjs / reflect-metadata files in the module cache (CommonJS packages land there when imported too).
const { performance } = require('node:perf_hooks');

const specifier = process.argv[2];
const how = process.argv[3] ?? 'require';
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const load = how === 'import' ? import(specifier) : Promise.resolve(require(specifier));
load.then((mod) => {
  const loadMs = performance.now() - started;
  const rssAfter = process.memoryUsage().rss;
  const heavy = Object.keys(require.cache).filter((file) =>
    /[\\/]node_modules[\\/](@nestjs[\\/]|rxjs[\\/]|reflect-metadata[\\/])/.test(file),
  );
  process.stdout.write(
    `${JSON.stringify({
      specifier,
      how,
      resolvedFrom: require.resolve(specifier),
      exports: Object.keys(mod).length,
      rssAddedMb: Math.round(((rssAfter - rssBefore) / 1048576) * 10) / 10,
      loadMs: Math.round(loadMs),
      reflectGetMetadata: typeof Reflect.getMetadata,
      heavyModules: heavy.length,
      firstHeavyModule: heavy[0] ?? null,
    })}\n`,
  );
});
