import { randomBytes } from 'node:crypto';
import { PostgresOutboundQueue } from '../../lib/queue/postgres/index.js';
import type { Driver, RunSpec } from './driver.interface.js';
import { nazEngineDriver } from './naz-engine.driver.js';
import type { RunResult } from '../support/run-result.js';

/** The throwaway cluster `postgres.bench.ts` starts for the run (its children inherit the variable). */
function benchDatabaseUrl(): string {
  const url = process.env.BENCH_PG_URL;
  if (!url) throw new Error('BENCH_PG_URL is not set: the postgres scenario starts a cluster and sets it');
  return url;
}

/**
 * End to end through the PostgreSQL outbox: `send()` inserts the row (concurrent sends share one multi-row
 * INSERT), the send loop claims rows with `FOR UPDATE SKIP LOCKED` sized to the free window, submits, and
 * deletes each row after the SMSC's answer. A fresh table per run; the run fails unless the table is empty at
 * the end, so every message was inserted, claimed and acknowledged.
 */
export const postgresQueueDriver: Driver = async (spec: RunSpec): Promise<RunResult> => {
  const names = { schema: 'naz_bench', table: `outbox_${randomBytes(4).toString('hex')}` };
  const queue = new PostgresOutboundQueue({ connection: benchDatabaseUrl(), ...names, migrate: true });
  await queue.connect();
  const result = await nazEngineDriver(spec, queue);
  const check = new PostgresOutboundQueue({ connection: benchDatabaseUrl(), ...names });
  try {
    const health = await check.health();
    const left = (health.depth ?? -1) + (health.leased ?? 0);
    if (left !== 0 || health.deadLetters !== 0)
      throw new Error(
        `postgres bench: ${left} row(s) left and ${String(health.deadLetters)} dead letter(s) after the run`,
      );
  } finally {
    await check.close();
  }
  return result;
};
