/**
 * Probe for issue 13's "a second client runs dearer" (`node .out/bench/second-client.probe.js`): one process,
 * receipts, `PROBE_RUNS` (5) runs of `PROBE_N` (20,000) messages at `PROBE_WINDOW` (10; `PROBE_LAST_N` for the
 * last run's size). `PROBE_MODE`: `same` (one client), `second` (run 1 on a client that is then stopped, the
 * rest on a second one), `new` (a new client per run), `polluted` (one client; before run 2 another client
 * sends 2,000 and stops). Prints CPU µs per message per run; `PROBE_PROFILE=file` writes a CPU profile of the
 * last run. Run it under V8 flags (--trace-opt, --trace-deopt-verbose, --trace-generalization, --log-ic) to
 * see what each run recompiles; "### run N start/end" on stderr marks the runs in their output.
 */
import { SimulatorProcess } from './support/simulator-process.js';
import { benchClient, measuredRun } from './drivers/naz-engine.driver.js';
import { Completion } from './drivers/completion.js';
import type { RunMeter } from './support/measure.js';
import type { SmppClient } from '../lib/client/index.js';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

const N = Number(process.env.PROBE_N ?? 20_000);
const RUNS = Number(process.env.PROBE_RUNS ?? 5);
const WINDOW = Number(process.env.PROBE_WINDOW ?? 10);
const MODE = process.env.PROBE_MODE ?? 'new';
const PROFILE = process.env.PROBE_PROFILE;
const inspector = new Session();
inspector.connect();

const sim = await SimulatorProcess.start();
await sim.setReceipts(true);
const spec = { port: sim.port, window: WINDOW, messages: N, receipts: true };
let client: SmppClient | undefined;
let completion!: Completion;
const meter: { current?: RunMeter } = {};
const out: number[] = [];
for (let r = 0; r < RUNS; r++) {
  if (client === undefined || MODE === 'new' || (MODE === 'second' && r === 1)) {
    if (client) await client.stop({ drainTimeoutMs: 1000 });
    client = benchClient(spec, meter);
    client.on('deliveryReceipt', () => completion.tick());
    await client.start();
    await client.waitUntilBound(10_000);
  }
  if (MODE === 'polluted' && r === 1) {
    // Another client, used briefly and stopped: does the first one get dearer?
    const other = benchClient(spec, {});
    const done = new Completion(2000);
    other.on('deliveryReceipt', () => done.tick());
    await other.start();
    await other.waitUntilBound(10_000);
    await measuredRun({ ...spec, messages: 2000 }, {}, done, (text) =>
      other.send({ to: '447700900123', text }),
    );
    await other.stop({ drainTimeoutMs: 1000 });
  }
  const n = r === RUNS - 1 ? Number(process.env.PROBE_LAST_N ?? N) : N;
  completion = new Completion(n);
  const c = client;
  console.error(`### run ${r} start`);
  const profiled = PROFILE !== undefined && r === RUNS - 1;
  if (profiled) {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 50 });
    await inspector.post('Profiler.start');
  }
  const res = await measuredRun({ ...spec, messages: n }, meter, completion, (text) =>
    c.send({ to: '447700900123', text }),
  );
  console.error(`### run ${r} end`);
  if (profiled) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(PROFILE!, JSON.stringify(profile));
  }
  out.push(res.cpuUsPerMsg);
}
await client!.stop({ drainTimeoutMs: 1000 });
await sim.stop();
console.log(`${MODE}: ${out.join(' ')}`);
