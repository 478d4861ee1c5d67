import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresOutboundQueue } from '../../lib/queue/postgres/postgres-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startPostgresServer, type PostgresTestServer } from '../support/postgres-server.js';
import { startPostgresReplica, type PostgresReplica } from './support/postgres-replica.js';
import { waitFor } from './support/replica-process.js';

let server: PostgresTestServer;
let admin: pg.Pool;
let sim: SmscSimulator;
/** Accepted submits per message text. */
const accepted = new Map<string, number>();
const replicas: PostgresReplica[] = [];
const SCHEMA = 'naz_crash';
const WINDOW = 50;

beforeAll(async () => {
  server = await startPostgresServer();
  admin = new pg.Pool({ connectionString: server.url, max: 4 });
  // The restart test ends every connection, this pool's idle ones included: the pool replaces them.
  admin.on('error', () => undefined);
  sim = await SmscSimulator.start();
  sim.on('submit', (s) => {
    if (!('short_message' in s.pdu)) return;
    const text = s.pdu.short_message.toString('latin1');
    accepted.set(text, (accepted.get(text) ?? 0) + 1);
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill()));
  await sim?.stop();
  await admin?.end();
  await server?.stop();
}, 30_000);

/** Creates a fresh outbox and fills it with `count` messages `<prefix><i>` (batched inserts). */
async function fill(prefix: string, count: number): Promise<PostgresOutboundQueue> {
  const table = `outbox_${randomBytes(3).toString('hex')}`;
  await PostgresOutboundQueue.migrate(admin, { schema: SCHEMA, table });
  const producer = new PostgresOutboundQueue({ pool: admin, schema: SCHEMA, table });
  for (let i = 0; i < count; i += 2_000) {
    await Promise.all(
      Array.from({ length: Math.min(2_000, count - i) }, (_, j) =>
        producer.enqueue({
          correlationId: `${prefix}${i + j}`,
          to: '254700000000',
          text: `${prefix}${i + j}`,
        }),
      ),
    );
  }
  await producer.close();
  return producer;
}

function replica(
  table: string,
  consumer: string,
  leaseMs = 1_000,
  extra: Record<string, string> = {},
): PostgresReplica {
  const r = startPostgresReplica({
    ...extra,
    URL: server.url,
    SCHEMA,
    TABLE: table,
    CONSUMER: consumer,
    LEASE_MS: String(leaseMs),
    SMSC_PORT: String(sim.port),
    WINDOW: String(WINDOW),
  });
  replicas.push(r);
  return r;
}

function tally(prefix: string, total: number): { missing: number; duplicates: number } {
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < total; i++) {
    const n = accepted.get(`${prefix}${i}`) ?? 0;
    if (n === 0) missing++;
    else duplicates += n - 1;
  }
  return { missing, duplicates };
}

async function rows(table: string): Promise<number> {
  const { rows: r } = await admin.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."${table}"`);
  return (r[0] as { n: number }).n;
}

describe('PostgreSQL outbox with a crashing consumer', () => {
  it('loses nothing when one of two consumers is SIGKILLed mid-run: duplicates ≤ its leased batch, table empty', async () => {
    accepted.clear();
    const total = 20_000;
    const { names } = await fill('k', total);
    const a = replica(names.table, 'a');
    const b = replica(names.table, 'b');
    await Promise.all([a.ready, b.ready]);
    await waitFor(() => accepted.size >= 5_000, 90_000, '5000 accepted before the kill');
    await a.kill();
    const acceptedAtKill = accepted.size;
    const { rows: leased } = await admin.query(
      `SELECT count(*)::int AS n FROM "${SCHEMA}"."${names.table}" WHERE locked_by = 'a' AND locked_until > now()`,
    );
    const leasedAtKill = (leased[0] as { n: number }).n;
    await waitFor(
      async () => accepted.size === total && (await rows(names.table)) === 0,
      120_000,
      'every message accepted and the outbox empty',
    );
    await b.stop();
    const { missing, duplicates } = tally('k', total);
    const dead = await admin.query(`SELECT count(*)::int AS n FROM ${names.sqlDeadLetterTable}`);
    console.log(
      `postgres crash: ${acceptedAtKill} accepted before SIGKILL, ${leasedAtKill} leased by the killed consumer, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(acceptedAtKill).toBeLessThan(total);
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(leasedAtKill);
    expect(leasedAtKill).toBeLessThanOrEqual(WINDOW);
    expect((dead.rows[0] as { n: number }).n).toBe(0);
    expect(await rows(names.table)).toBe(0);
  }, 240_000);
});

describe('PostgreSQL outbox: acknowledgements batched but not written when the consumer dies', () => {
  it('are lost with the process, so their rows go out again after the lease: sent twice, never lost', async () => {
    accepted.clear();
    const total = 300;
    const { names } = await fill('h', total);
    // Every DELETE of this replica hangs: each message is sent and acknowledged, and no acknowledgement is written.
    // A lease long enough that the replica does not take its own rows again before it is killed.
    const a = replica(names.table, 'held', 15_000, { HOLD_ACKS: '1' });
    await a.ready;
    await waitFor(() => accepted.size === total, 60_000, 'every message sent once by the first consumer');
    await a.kill();
    const { rows: held } = await admin.query(
      `SELECT count(*)::int AS n FROM ${names.sqlTable} WHERE locked_by = 'held'`,
    );
    expect((held[0] as { n: number }).n).toBe(total);
    const b = replica(names.table, 'after');
    await b.ready;
    await waitFor(
      async () => [...accepted.values()].every((n) => n >= 2) && (await rows(names.table)) === 0,
      60_000,
      'every message sent again once the dead consumer’s leases ended, and the outbox empty',
    );
    await b.stop();
    const { missing, duplicates } = tally('h', total);
    expect(missing).toBe(0);
    expect(duplicates).toBeGreaterThanOrEqual(total);
    const dead = await admin.query(`SELECT count(*)::int AS n FROM ${names.sqlDeadLetterTable}`);
    expect((dead.rows[0] as { n: number }).n).toBe(0);
  }, 180_000);
});

describe('PostgreSQL restarted during a run', () => {
  it('pauses the consumer, reconnects, and finishes with nothing lost', async () => {
    accepted.clear();
    const total = 5_000;
    const { names } = await fill('r', total);
    const r = replica(names.table, 'restart', 30_000);
    await r.ready;
    await waitFor(() => accepted.size >= 1_000, 60_000, '1000 accepted before the restart');
    await server.halt();
    const atHalt = accepted.size;
    await new Promise((res) => setTimeout(res, 1_500));
    const duringOutage = accepted.size - atHalt;
    await server.start();
    await waitFor(
      async () => accepted.size === total && (await rows(names.table).catch(() => -1)) === 0,
      90_000,
      'every message accepted and the outbox empty after the restart',
    );
    await r.stop();
    const { missing, duplicates } = tally('r', total);
    console.log(
      `postgres restart: ${atHalt} accepted before, ${duringOutage} during the 1.5 s outage, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(missing).toBe(0);
    // Leases (30 s) outlive the outage: only messages in flight when it began can go out twice.
    expect(duplicates).toBeLessThanOrEqual(WINDOW);
    // Consuming pauses while PostgreSQL is down: at most what was claimed before it went.
    expect(duringOutage).toBeLessThanOrEqual(WINDOW * 2);
  }, 180_000);
});
