/**
 * Client throughput: submit_sm per second through `SmppClient` (queue → send loop → session → simulator and
 * back), window 100, receipts off. The simulator runs in a child process, so client and SMSC each get a core.
 *
 * Run: `npx tsc -p tsconfig.run.json; node .out/bench/client-throughput.bench.js [messages] [window] [sessions]`
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { SmppClient } from '../lib/client/smpp-client.js';
import { SmscSimulator } from '../lib/simulator/smsc-simulator.js';

if (process.argv[2] === '--simulator') {
  const sim = await SmscSimulator.start({
    receipts: process.env.RECEIPTS ? { delayMs: 0 } : { enabled: false },
  });
  process.send?.({ port: sim.port });
  process.on('message', () => void sim.stop().then(() => process.exit(0)));
} else {
  const total = Number(process.argv[2] ?? 200_000);
  const windowSize = Number(process.argv[3] ?? 100);
  const sessions = Number(process.argv[4] ?? 1);
  const child = fork(fileURLToPath(import.meta.url), ['--simulator']);
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );

  const client = new SmppClient({
    host: '127.0.0.1',
    port,
    systemId: 'bench',
    password: 'bench',
    windowSize,
    sessions,
    queueCapacity: total,
    logLevel: 'error',
    defaults: { from: 'BENCH', sourceAddrTon: 5, registeredDelivery: Boolean(process.env.RECEIPTS) },
  });
  let accepted = 0;
  let failed = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  let receipts = 0;
  client.on('submitted', () => {
    if (++accepted + failed === total && !process.env.RECEIPTS) done();
  });
  client.on('deliveryReceipt', () => {
    if (++receipts === total) done();
  });
  client.on('failed', () => {
    if (accepted + ++failed === total) done();
  });
  for (let i = 0; i < total; i++)
    await client.send({ to: '447700900123', text: `Your code is ${i % 1_000_000}` });
  await client.start();
  await client.waitUntilBound(5000);
  const profiler = process.env.PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.PROFILE as string, JSON.stringify(profile));
  }
  console.log(
    JSON.stringify({
      messages: total,
      windowSize,
      sessions,
      accepted,
      failed,
      seconds: Number(seconds.toFixed(3)),
      submitsPerSecond: Math.round(total / seconds),
      clientCpuSeconds: Number(cpuSeconds.toFixed(3)),
      // Load-independent: what one fully available core would sustain (the host is shared).
      submitsPerClientCpuSecond: Math.round(total / cpuSeconds),
    }),
  );
  await client.stop();
  child.send('stop');
}
