/**
 * The PostgreSQL scenarios of `npm run bench` (`BENCH_ONLY=postgres`): a throwaway cluster (initdb/pg_ctl on a
 * free port, the server's default durability settings) for the run, then
 * - `postgres`: the outbox pipeline at window 100 beside the in-memory queue: every message inserted (batched
 *   INSERTs), claimed (`FOR UPDATE SKIP LOCKED`), submitted and its row deleted; target ≥ 10,000 msg/s. Beside
 *   them `postgres alone`: the same queue and statements without the SMSC or the client, the ceiling PostgreSQL
 *   and the queue set on this machine. Each PostgreSQL run prints its statements (round trips) and the server's
 *   CPU per message, which do not depend on the machine's load (`BENCH_POSTGRES=outbox` runs this one only);
 * - `ledger`: the bare engine path with and without a message ledger (in memory, PostgreSQL); target: the
 *   ledger costs ≤ 10% of the engine's throughput and of its CPU per message (medians of the per-run ratios);
 * - `ledger-receipts`: the same with a delivery receipt a message, without and with the in-memory ledger (our
 *   target, the same 10%). `BENCH_POSTGRES=ledger` runs the two ledger scenarios only.
 */
import { startPostgresServer } from '../test/support/postgres-server.js';
import { postmasterPid } from './support/postgres-counters.js';
import type { ScenarioSettings } from './support/scenario-result.js';
import type { ClientName, Driver } from './drivers/driver.interface.js';
import { isolated } from './support/isolated-driver.js';
import type { ScenarioResult } from './support/scenario-result.js';
import type { SimulatorProcess } from './support/simulator-process.js';
import { median, round } from './support/stats.js';

/** One contender of a scenario, as the harness's `compare()` takes it. */
type Contender = { client: ClientName; variant?: string; driver: Driver; settings: ScenarioSettings };

/** The harness's `compare()` (bench/run.ts), passed in so this file adds scenarios without owning the harness. */
export type Compare = (
  sim: SimulatorProcess,
  name: string,
  window: number,
  n: number,
  receipts: boolean,
  contenders: Contender[],
) => Promise<ScenarioResult[]>;

/** Runs both scenarios on a cluster of their own; returns their results. */
export async function runPostgresScenarios(
  sim: SimulatorProcess,
  compare: Compare,
  scaled: (n: number) => number,
): Promise<ScenarioResult[]> {
  let server;
  try {
    server = await startPostgresServer();
  } catch (error) {
    console.error(
      `postgres: no PostgreSQL server binaries (${(error as Error).message.split('\n')[0]}); skipped`,
    );
    return [];
  }
  // The driver children inherit them (isolated() forks with this process's environment).
  process.env.BENCH_PG_URL = server.url;
  process.env.BENCH_PG_PID = String((await postmasterPid(server.url)) ?? '');
  try {
    const results: ScenarioResult[] = [];
    if (process.env.BENCH_POSTGRES !== 'ledger')
      results.push(...(await outboxScenario(sim, compare, scaled)));
    // BENCH_POSTGRES=outbox: the outbox scenario only (while working on the queue).
    if (process.env.BENCH_POSTGRES === 'outbox') return results;
    results.push(...(await ledgerScenarios(sim, compare, scaled)));
    return results;
  } finally {
    delete process.env.BENCH_PG_URL;
    delete process.env.BENCH_PG_PID;
    await server.stop();
  }
}

/** The outbox pipeline beside the in-memory queue, and the outbox alone. */
function outboxScenario(
  sim: SimulatorProcess,
  compare: Compare,
  scaled: (n: number) => number,
): Promise<ScenarioResult[]> {
  console.error(
    'postgres: the outbox pipeline (insert → claim → submit → delete) beside the in-memory queue',
  );
  return compare(sim, 'postgres', 100, scaled(50_000), false, [
    {
      client: 'nestjs-naz',
      variant: 'memory',
      driver: isolated('naz-engine'),
      settings: { window: 100, queue: 'memory' },
    },
    {
      client: 'nestjs-naz',
      variant: 'postgres',
      driver: isolated('postgres'),
      settings: { window: 100, queue: 'postgres outbox' },
    },
    {
      client: 'nestjs-naz',
      variant: 'postgres alone',
      driver: isolated('postgres-alone'),
      settings: { window: 100, queue: 'postgres outbox, no SMSC (latency columns: the claim round trip)' },
    },
  ]);
}

/** The bench drivers of each ledger contender, by the name the results give it. */
const LEDGER_CONTENDERS = {
  none: { variant: 'no ledger', driver: 'naz-engine' },
  memory: { variant: 'memory ledger', driver: 'naz-ledger-memory' },
  postgres: { variant: 'postgres ledger', driver: 'naz-ledger-postgres' },
} as const;

/** Our engine at window 100 with a ledger (`none`: without one), each run in a child of its own. */
function ledgerContender(ledger: keyof typeof LEDGER_CONTENDERS, receipts: boolean): Contender {
  const { variant, driver } = LEDGER_CONTENDERS[ledger];
  return {
    client: 'nestjs-naz',
    variant,
    driver: isolated(driver),
    settings: { window: 100, ledger, ...(receipts ? { receipts } : {}) },
  };
}

/** The engine path without and with a ledger; then with receipts, without and with the in-memory ledger. */
async function ledgerScenarios(
  sim: SimulatorProcess,
  compare: Compare,
  scaled: (n: number) => number,
): Promise<ScenarioResult[]> {
  console.error('ledger: the engine path without and with a message ledger');
  const results = await compare(sim, 'ledger', 100, scaled(100_000), false, [
    ledgerContender('none', false),
    ledgerContender('memory', false),
    ledgerContender('postgres', false),
  ]);
  // The same with a receipt a message (what most users of a ledger ask for): the receipt is a fourth entry, and
  // the engine's own receipt path is in the denominator. Our target, not the issue's.
  console.error('ledger-receipts: the engine path with receipts, without and with the in-memory ledger');
  await sim.setReceipts(true);
  results.push(
    ...(await compare(sim, 'ledger-receipts', 100, scaled(100_000), true, [
      ledgerContender('none', true),
      ledgerContender('memory', true),
    ])),
  );
  await sim.setReceipts(false);
  return results;
}

/** The PostgreSQL targets, for the targets table. */
export function postgresTargets(
  results: ScenarioResult[],
): Array<{ target: string; value: string; met: boolean }> {
  const find = (name: string, variant: string) =>
    results.find((r) => r.name === name && r.variant === variant);
  const checks: Array<{ target: string; value: string; met: boolean }> = [];
  const outbox = find('postgres', 'postgres');
  const alone = find('postgres', 'postgres alone');
  if (outbox) {
    checks.push({
      target: 'PostgreSQL outbox ≥ 10,000 msg/s at window 100',
      value:
        outbox.median.msgsPerSec.toLocaleString('en') +
        (alone ? ` (the outbox alone, no SMSC: ${alone.median.msgsPerSec.toLocaleString('en')})` : ''),
      met: outbox.median.msgsPerSec >= 10_000,
    });
  }
  for (const [scenario, variant, label] of [
    ['ledger', 'memory ledger', 'memory ledger'],
    ['ledger', 'postgres ledger', 'postgres ledger'],
    ['ledger-receipts', 'memory ledger', 'memory ledger, receipts on (ours)'],
  ] as const) {
    const bare = find(scenario, 'no ledger');
    const withLedger = find(scenario, variant);
    if (!bare || !withLedger) continue;
    // Run i of each contender ran back to back: the median of the per-run costs drifts less with the
    // machine's load than the ratio of medians, and the spread and the CPU show how far to trust it (on a
    // noisy machine the A/B of `npm run bench:ledger` is the measure; see bench/README.md).
    const costs = withLedger.runs.map((run, i) => 1 - run.msgsPerSec / bare.runs[i]!.msgsPerSec);
    const cpu = withLedger.runs.map((run, i) => run.cpuUsPerMsg / bare.runs[i]!.cpuUsPerMsg);
    const cost = median(costs);
    const cpuRatio = median(cpu);
    const range = (values: number[], scale: number, digits: number): string =>
      `${round(Math.min(...values) * scale, digits)} to ${round(Math.max(...values) * scale, digits)}`;
    checks.push({
      target: `${label}: ≤ 10% of the engine's throughput and CPU`,
      value:
        `${round(cost * 100, 1)}% (runs ${range(costs, 100, 1)}%); ` +
        `CPU ${round(cpuRatio, 2)}× (runs ${range(cpu, 1, 2)}×)`,
      // Either one over 10% is a cost the send path pays: fewer messages a second, or more CPU for each.
      met: cost <= 0.1 && cpuRatio <= 1.1,
    });
  }
  return checks;
}
