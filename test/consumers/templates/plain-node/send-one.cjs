// Sends one message with the engine from nestjs-naz/core to the bundled simulator, and prints one JSON line:
// the SMSC's message ids, and whether anything of Nest was loaded along the way.
const { SmppClient, SmscSimulator, JsonLogger } = require('nestjs-naz/core');

async function main() {
  const sim = await SmscSimulator.start();
  const client = new SmppClient(
    {
      host: '127.0.0.1',
      port: sim.port,
      systemId: 'plain',
      password: 'secret',
    },
    { logger: new JsonLogger({ level: 'warn' }) },
  );
  await client.start();
  await client.waitUntilBound(30_000);
  const result = await client.submit({ to: '447700900123', text: 'Hello from plain Node' });
  await client.stop();
  await sim.stop();
  const loaded = Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]@nestjs[\\/]/.test(file));
  process.stdout.write(
    `${JSON.stringify({ messageIds: result.messageIds, nestModulesLoaded: loaded.length })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
