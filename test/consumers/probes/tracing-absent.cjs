// In an app without @opentelemetry/api: loads nestjs-naz/core with require() or import() (argv[2]), sends one
// message to the bundled simulator without tracing, then asks for tracing, and prints as one JSON line what
// happened and whether anything of OpenTelemetry reached the module cache.
const how = process.argv[2] ?? 'require';

async function main() {
  const core = how === 'import' ? await import('nestjs-naz/core') : require('nestjs-naz/core');
  const sim = await core.SmscSimulator.start({ credentials: [{ system_id: 'probe', password: 'pw' }] });
  const client = new core.SmppClient({
    host: '127.0.0.1',
    port: sim.port,
    systemId: 'probe',
    password: 'pw',
    logLevel: 'error',
  });
  await client.start();
  await client.waitUntilBound();
  const sent = await client.submit({ to: '447700900001', text: 'hi', from: 'PROBE' });
  await client.stop();
  await sim.stop();
  const otelModules = () => Object.keys(require.cache).filter((file) => file.includes('@opentelemetry'));
  const loadedWithoutTracing = otelModules().length;
  let tracingError = null;
  try {
    await core.createOtelTracing();
  } catch (error) {
    tracingError = { name: error.name, message: error.message, packageName: error.packageName };
  }
  process.stdout.write(
    `${JSON.stringify({ how, messageIds: sent.messageIds.length, loadedWithoutTracing, tracingError })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
