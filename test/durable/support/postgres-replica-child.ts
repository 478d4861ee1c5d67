/**
 * Entry point of a replica process (see postgres-replica.ts): an SmppClient fed by a `PostgresOutboundQueue`,
 * sending to the simulator the parent test runs. Configuration comes from the environment (NAZ_PG_*); it tells
 * the parent over IPC when it is bound and when it has stopped.
 */
import { SmppClient } from '../../../lib/client/smpp-client.js';
import pg from 'pg';
import { PostgresOutboundQueue } from '../../../lib/queue/postgres/postgres-outbound-queue.js';

const env = (name: string): string => {
  const value = process.env[`NAZ_PG_${name}`];
  if (value === undefined) throw new Error(`NAZ_PG_${name} is not set`);
  return value;
};

/**
 * NAZ_PG_HOLD_ACKS=1: the replica's acknowledgements never reach PostgreSQL, as when the process dies between
 * acknowledging messages and writing them: what a SIGKILL then loses. A DELETE of its own waits forever; a
 * claim that carries acknowledgements ($4) is sent with none.
 */
function acksHeldPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: env('URL') });
  pool.on('error', () => undefined);
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { query: unknown }).query = (...args: unknown[]): unknown => {
    const config = typeof args[0] === 'string' ? { text: args[0], values: args[1] } : args[0];
    const { text, values } = config as { text: string; values?: unknown[] };
    if (text.startsWith('DELETE')) return new Promise(() => undefined);
    if (text.includes('$4::bigint[]') && values?.length === 4) {
      const withoutAcks = [...values.slice(0, 3), '{}'];
      return typeof args[0] === 'string'
        ? query(text, withoutAcks)
        : query({ ...(args[0] as object), values: withoutAcks });
    }
    return query(...args);
  };
  return pool;
}

const queue = new PostgresOutboundQueue({
  ...(process.env.NAZ_PG_HOLD_ACKS === '1' ? { pool: acksHeldPool() } : { connection: env('URL') }),
  schema: env('SCHEMA'),
  table: env('TABLE'),
  consumer: env('CONSUMER'),
  leaseMs: Number(env('LEASE_MS')),
  pollIntervalMs: 1_000,
});
const client = new SmppClient(
  {
    name: env('CONSUMER'),
    host: '127.0.0.1',
    port: Number(env('SMSC_PORT')),
    systemId: 'pg-replica',
    password: 'secret',
    windowSize: Number(env('WINDOW')),
    logLevel: 'warn',
    defaults: { from: 'NAZ' },
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  },
  { queue },
);

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await client.stop({ drainTimeoutMs: 5_000 });
    await queue.close();
    process.send?.({ type: 'stopped' }, () => process.exit(0));
  })();
});

await client.start();
await client.waitUntilBound(10_000);
process.send?.({ type: 'ready' });
