/**
 * What bounds the receipts scenario: the simulator's CPU per message beside each client's, in the same runs.
 *
 * Run: `tsc -p tsconfig.run.json && node .out/bench/receipt-bound.bench.js`. For each window of
 * `BENCH_RECEIPT_WINDOWS` (10,100) the contenders (our engine, node-smpp no-delay) alternate `BENCH_RUNS` (5)
 * times, each run in a fresh child after its warm-up, as `npm run bench` runs them. Around each run the
 * simulator child's CPU time is read (`process.cpuUsage()` over IPC), so its µs per message (warm-up included
 * in both the time and the count) and its share of a core during the run are printed beside the client's.
 * A simulator near one core is the bound for both clients alike.
 */
import { isolated } from './support/isolated-driver.js';
import { SimulatorProcess } from './support/simulator-process.js';
import { median, round } from './support/stats.js';
import { warmupMessages } from './support/warmup.js';
import type { DriverName } from './drivers/driver-registry.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WINDOWS = (process.env.BENCH_RECEIPT_WINDOWS ?? '10,100').split(',').map(Number);
const CONTENDERS = (process.env.BENCH_CONTENDERS ?? 'naz-engine,node-smpp').split(',') as DriverName[];
const N = (window: number): number => Number(process.env.BENCH_N ?? (window < 100 ? 20_000 : 100_000));

interface Row {
  msgsPerSec: number;
  clientUs: number;
  simUs: number;
  simCore: number;
}

const sim = await SimulatorProcess.start();
await sim.setReceipts(true);
try {
  for (const window of WINDOWS) {
    const messages = N(window);
    const rows = new Map<DriverName, Row[]>(CONTENDERS.map((c) => [c, []]));
    for (let r = 0; r < RUNS; r++) {
      for (const name of CONTENDERS) {
        const before = await sim.cpuUs();
        const started = performance.now();
        const result = await isolated(name)({ port: sim.port, window, messages, receipts: true });
        const wallUs = (performance.now() - started) * 1000;
        const simCpu = (await sim.cpuUs()) - before;
        const total = messages + warmupMessages(messages);
        const row = {
          msgsPerSec: result.msgsPerSec,
          clientUs: result.cpuUsPerMsg,
          simUs: round(simCpu / total, 2),
          simCore: round(simCpu / wallUs, 2),
        };
        rows.get(name)!.push(row);
        console.log(
          `w=${window} ${name} run ${r + 1}: ${row.msgsPerSec} msg/s, client ${row.clientUs} µs/msg, ` +
            `simulator ${row.simUs} µs/msg (${row.simCore} of a core over the child's life)`,
        );
      }
    }
    for (const [name, list] of rows) {
      const m = (f: (x: Row) => number): number => round(median(list.map(f)), 2);
      console.log(
        `w=${window} ${name} MEDIAN: ${m((x) => x.msgsPerSec)} msg/s, client ${m((x) => x.clientUs)} µs/msg, ` +
          `simulator ${m((x) => x.simUs)} µs/msg, ${m((x) => x.simCore)} core`,
      );
    }
  }
} finally {
  await sim.stop();
}
