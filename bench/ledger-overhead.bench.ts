/**
 * What the message ledger costs the engine path (issue 16: ≤ 10%): the bare engine (window 100, receipts off
 * unless LEDGER_RECEIPTS=1) without a ledger, with the in-memory ledger and, with BENCH_PG_URL set or
 * PostgreSQL's binaries installed, with the PostgreSQL ledger. Each run is a fresh child process with a
 * warm-up (the drivers of `npm run bench`); rounds alternate the order of the contenders so a change in the
 * machine's load hits all of them; medians are compared, as throughput and as client CPU per message.
 *
 * Run: `npm run bench:ledger -- [messages] [rounds] [contenders]` (contenders: comma-separated of none, memory,
 * postgres; default all three)
 */
import { loadavg } from 'node:os';
import { startPostgresServer } from '../test/support/postgres-server.js';
import type { DriverName } from './drivers/driver-registry.js';
import { isolated } from './support/isolated-driver.js';
import type { RunResult } from './support/run-result.js';
import { SimulatorProcess } from './support/simulator-process.js';
import { median, round } from './support/stats.js';

const messages = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 5);
const wanted = (process.argv[4] ?? 'none,memory,postgres').split(',');
const receipts = process.env.LEDGER_RECEIPTS === '1';

const DRIVER: Record<string, DriverName> = {
  none: 'naz-engine',
  memory: 'naz-ledger-memory',
  postgres: 'naz-ledger-postgres',
};

const server = wanted.includes('postgres') && !process.env.BENCH_PG_URL ? await startPostgresServer() : undefined;
if (server) process.env.BENCH_PG_URL = server.url;
const sim = await SimulatorProcess.start();
await sim.setReceipts(receipts);
const results = new Map<string, RunResult[]>(wanted.map((name) => [name, []]));
console.error(`load average at start: ${loadavg().map((l) => round(l, 2)).join(' ')}`);
try {
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? wanted : [...wanted].reverse();
    for (const name of order) {
      const result = await isolated(DRIVER[name]!)({ port: sim.port, window: 100, messages, receipts });
      results.get(name)!.push(result);
      console.error(
        `round ${r + 1} ${name}: ${result.msgsPerSec} msg/s, ${result.cpuUsPerMsg} µs CPU/msg, ${result.peakRssMb} MB`,
      );
    }
  }
} finally {
  await sim.stop();
  await server?.stop();
}
const base = results.get('none');
const baseRate = base ? median(base.map((r) => r.msgsPerSec)) : NaN;
const baseCpu = base ? median(base.map((r) => r.cpuUsPerMsg)) : NaN;
for (const [name, runs] of results) {
  const rate = median(runs.map((r) => r.msgsPerSec));
  const cpu = median(runs.map((r) => r.cpuUsPerMsg));
  const rss = median(runs.map((r) => r.peakRssMb));
  console.log(
    `${name.padEnd(8)} ${String(round(rate, 0)).padStart(7)} msg/s (${round(rate / baseRate, 3)}×), ` +
      `${round(cpu, 2)} µs CPU/msg (${round(cpu / baseCpu, 3)}×), peak RSS ${round(rss, 1)} MB`,
  );
}
console.log(`load average at end: ${loadavg().map((l) => round(l, 2)).join(' ')}`);
