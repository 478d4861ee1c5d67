/**
 * One process, one contender, for `valgrind --tool=callgrind` or `node --trace-gc-nvp`: one client, a
 * 20,000-message warm-up on it, then N messages through the bare engine without a ledger (`none`) or with one
 * (`noop`, `memory`, `postgres`; the latter needs BENCH_PG_URL). Instructions per message are the difference between two values of N divided by
 * the difference in N, so start-up and warm-up cancel (the simulator runs in a child that callgrind does not
 * follow).
 *
 * WARMUP (default 20000) sets the warm-up's messages (more of them leave less JIT compilation in the measured run).
 *
 * Run: `npx tsc -p tsconfig.run.json && valgrind --tool=callgrind node .out/bench/ledger-profile.js memory 25000`
 */
import type { Driver } from './drivers/driver.interface.js';
import { SimulatorProcess } from './support/simulator-process.js';

const contender = process.argv[2] ?? 'memory';
const messages = Number(process.argv[3] ?? 25_000);
const receipts = process.env.LEDGER_RECEIPTS === '1';
const warmup = Number(process.env.WARMUP ?? 20_000);

const drivers: Record<string, () => Promise<Driver>> = {
  none: async () => (await import('./drivers/naz-engine.driver.js')).nazEngineDriver,
  noop: async () => (await import('./drivers/ledger.driver.js')).noopLedgerDriver,
  memory: async () => (await import('./drivers/ledger.driver.js')).memoryLedgerDriver,
  postgres: async () => (await import('./drivers/ledger.driver.js')).postgresLedgerDriver,
};
const load = drivers[contender];
if (!load) throw new Error(`contender ${contender}: one of ${Object.keys(drivers).join(', ')}`);
const driver = await load();
const sim = await SimulatorProcess.start();
await sim.setReceipts(receipts);
try {
  // The warm-up runs on the measured client, as `npm run bench`'s child does: one client and one ledger, so the
  // slope carries no second ledger's allocation and collections (bench/README.md, "Message ledger", fifth pass).
  const result = await driver({ port: sim.port, window: 100, messages, receipts, warmup });
  console.error(
    `${contender}: ${messages} messages, ${result.msgsPerSec} msg/s, ${result.cpuUsPerMsg} µs CPU/msg`,
  );
} finally {
  await sim.stop();
}
