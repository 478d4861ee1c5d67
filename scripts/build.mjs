#!/usr/bin/env node
// Builds the dual package: the ESM build (dist/esm) and the CommonJS build (dist/cjs), each with its types.
//
// Why `tsc` twice rather than a bundler (tsup/esbuild): Nest resolves constructor parameters from the
// `design:paramtypes` metadata that only `tsc` emits (`emitDecoratorMetadata`; esbuild has no type information and
// drops it), and a file-per-module output keeps one module instance per source file, so the entries `.`, `./core`,
// `./health` and `./simulator` share their classes instead of each carrying a bundled copy. Both builds are the
// compiler the test suite already type-checks with; nothing else to trust or keep up to date.
//
// Each output folder gets a package.json naming its module format, so Node and TypeScript read `dist/cjs/*.js` and
// `*.d.ts` as CommonJS although the root package.json says "type": "module".
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const [project, folder, type] of [
  ['tsconfig.build.json', 'esm', 'module'],
  ['tsconfig.build.cjs.json', 'cjs', 'commonjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit', cwd: root });
  mkdirSync(join(root, 'dist', folder), { recursive: true });
  writeFileSync(join(root, 'dist', folder, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
