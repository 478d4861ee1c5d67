/**
 * What tracing costs when no tracer provider is registered (issue 18: ≤ 3% with the API's no-op provider):
 * client CPU time per message, send → submitted, window 100, receipts off, with `createOtelTracing()` against
 * the same client without it. Rounds alternate (untraced, traced, untraced...) so a change in the machine's
 * load hits both; the medians are compared. CPU time rather than throughput: the simulator runs in a child
 * process, and CPU per message is what tracing adds, whatever else runs on the machine.
 *
 * Run: `npm run bench:tracing -- [messages] [rounds]` (`AA=1` runs the untraced client against itself: the noise floor)
 *
 * `ONLY=untraced` or `ONLY=traced` runs one arm alone (warm-up, then `rounds` runs), for counting instructions with
 * `valgrind --tool=callgrind`, which a loaded machine does not disturb: the difference between two message
 * counts, per message, is the arm's cost (see bench/README.md).
 */
import { SmppClient } from '../lib/client/smpp-client.js';
import { createOtelTracing } from '../lib/tracing/create-otel-tracing.js';
import type { MessageTracing } from '../lib/tracing/message-tracing.interface.js';
import { SimulatorProcess } from './support/simulator-process.js';

const total = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 5);

async function run(
  port: number,
  tracing: MessageTracing | undefined,
): Promise<{ cpuUsPerMsg: number; perSecond: number }> {
  const client = new SmppClient(
    {
      host: '127.0.0.1',
      port,
      systemId: 'bench',
      password: 'bench',
      windowSize: 100,
      queueCapacity: total,
      logLevel: 'error',
      defaults: { from: 'BENCH', sourceAddrTon: 5, registeredDelivery: false },
    },
    tracing ? { tracing } : {},
  );
  let finishedCount = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const count = () => {
    if (++finishedCount === total) done();
  };
  client.on('submitted', count);
  client.on('failed', count);
  await client.start();
  await client.waitUntilBound(5000);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  // send() is part of what tracing wraps (the `send smpp` span and the traceparent), so it is inside the timing.
  for (let i = 0; i < total; i++) await client.send({ to: '447700900123', text: `Your code is ${i}` });
  await finished;
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  await client.stop({ drainTimeoutMs: 1000 });
  return { cpuUsPerMsg: (cpu.user + cpu.system) / total, perSecond: total / seconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const sim = await SimulatorProcess.start();
const tracing = await createOtelTracing(); // no provider registered: the API's no-op tracer
const only = process.env.ONLY;
if (only === 'untraced' || only === 'traced') {
  const policy = only === 'traced' ? tracing : undefined;
  await run(sim.port, policy); // warm-up
  const results: Array<{ cpuUsPerMsg: number }> = [];
  for (let r = 0; r < rounds; r++) results.push(await run(sim.port, policy));
  await sim.stop();
  console.log(
    JSON.stringify({ only, messages: total, rounds, cpuUsPerMsg: median(results.map((r) => r.cpuUsPerMsg)) }),
  );
  process.exit(0);
}
await run(sim.port, undefined); // warm-up, both paths
await run(sim.port, tracing);
const plain: Array<{ cpuUsPerMsg: number; perSecond: number }> = [];
const traced: Array<{ cpuUsPerMsg: number; perSecond: number }> = [];
// AA=1 compares the untraced client with itself: the noise floor of this machine at this moment.
const other = process.env.AA ? undefined : tracing;
for (let r = 0; r < rounds; r++) {
  // Which goes first alternates: the simulator's store fills as rounds go, and the second run of a pair would
  // otherwise always meet a fuller one.
  if (r % 2 === 0) {
    plain.push(await run(sim.port, undefined));
    traced.push(await run(sim.port, other));
  } else {
    traced.push(await run(sim.port, other));
    plain.push(await run(sim.port, undefined));
  }
}
await sim.stop();
const plainCpu = median(plain.map((r) => r.cpuUsPerMsg));
const tracedCpu = median(traced.map((r) => r.cpuUsPerMsg));
console.log(
  JSON.stringify({
    messages: total,
    rounds,
    untraced: {
      cpuUsPerMsg: +plainCpu.toFixed(2),
      perSecond: Math.round(median(plain.map((r) => r.perSecond))),
    },
    tracedNoop: {
      cpuUsPerMsg: +tracedCpu.toFixed(2),
      perSecond: Math.round(median(traced.map((r) => r.perSecond))),
    },
    cpuOverheadPercent: +(((tracedCpu - plainCpu) / plainCpu) * 100).toFixed(1),
    loadavg: (await import('node:os')).loadavg().map((l) => +l.toFixed(1)),
  }),
);
