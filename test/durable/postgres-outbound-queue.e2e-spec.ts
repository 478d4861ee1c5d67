import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SmppClient } from '../../lib/client/smpp-client.js';
import {
  PostgresOutboundQueue,
  type PostgresQueueDelivery,
} from '../../lib/queue/postgres/postgres-outbound-queue.js';
import type { PostgresOutboundQueueOptions } from '../../lib/queue/postgres/postgres-outbound-queue-options.interface.js';
import { InvalidIdentifierError } from '../../lib/postgres/quote-identifier.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { NAZ_LOGGER, NAZ_OUTBOUND_QUEUE } from '../../lib/tokens.js';
import { startPostgresServer, type PostgresTestServer } from '../support/postgres-server.js';
import { waitFor } from './support/replica-process.js';
import { msg, receiveAll } from './support/queue-test-helpers.js';

let server: PostgresTestServer;
let pool: pg.Pool;
const opened: PostgresOutboundQueue[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  pool = new pg.Pool({ connectionString: server.url, max: 10 });
  // The connection-drop test terminates this pool's idle connections too: the pool replaces them.
  pool.on('error', () => undefined);
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
}, 30_000);

/** A fresh table per test, so tests never see each other's rows. */
async function freshNames(): Promise<{ schema: string; table: string }> {
  const names = { schema: 'naz_test', table: `outbox_${randomBytes(4).toString('hex')}` };
  await PostgresOutboundQueue.migrate(pool, names);
  return names;
}

async function queue(options: PostgresOutboundQueueOptions = {}): Promise<PostgresOutboundQueue> {
  const names = options.table ? {} : await freshNames();
  const q = new PostgresOutboundQueue({ pool, pollIntervalMs: 200, ...names, ...options });
  opened.push(q);
  return q;
}

async function rowCount(table: string): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return (rows[0] as { n: number }).n;
}

describe('PostgresOutboundQueue.migrate', () => {
  it('creates the tables, index and trigger once, and running it again (even concurrently) changes nothing', async () => {
    const names = { schema: 'naz_migrate', table: `outbox_${randomBytes(3).toString('hex')}` };
    await Promise.all([
      PostgresOutboundQueue.migrate(pool, names),
      PostgresOutboundQueue.migrate(pool, names),
      PostgresOutboundQueue.migrate(pool, names),
    ]);
    await PostgresOutboundQueue.migrate(pool, names);
    const { rows } = await pool.query(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname LIKE $2 ORDER BY c.relname`,
      [names.schema, `${names.table}%`],
    );
    expect(rows.map((r) => `${r.relname}:${r.relkind}`)).toEqual(
      expect.arrayContaining([
        `${names.table}:r`,
        `${names.table}_dead:r`,
        `${names.table}_available_idx:i`,
        `${names.table}_dead_failed_idx:i`,
      ]),
    );
    const triggers = await pool.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass`, [
      `"${names.schema}"."${names.table}"`,
    ]);
    expect(triggers.rows.map((r) => r.tgname)).toEqual([`${names.table}_notify`]);
  });

  it('uses the schema and table names exactly as given, quoted, whatever characters they hold', async () => {
    const names = { schema: 'Sms "Ops"', table: `Out box; DROP TABLE x --${randomBytes(2).toString('hex')}` };
    await PostgresOutboundQueue.migrate(pool, names);
    const q = await queue(names);
    await q.enqueue(msg(1));
    const [delivery] = await receiveAll(q, 1);
    expect(delivery?.message.correlationId).toBe('c1');
    await delivery!.ack();
    await waitFor(async () => (await rowCount(q.names.sqlTable)) === 0, 5_000, 'the acked row deleted');
  });

  it('refuses names PostgreSQL would truncate, naming the option', () => {
    expect(() => new PostgresOutboundQueue({ table: 'x'.repeat(64) })).toThrow(InvalidIdentifierError);
    expect(() => new PostgresOutboundQueue({ table: 'x'.repeat(50), deadLetterTable: 'dead' })).toThrow(
      /derived name x+_available_idx; choose a shorter table/,
    );
    expect(() => PostgresOutboundQueue.migrationSql({ schema: '' })).toThrow(
      /schema "" must be a non-empty string/,
    );
  });
});

describe('PostgresOutboundQueue: the transactional outbox', () => {
  it('sends a message whose transaction committed, and never one whose transaction rolled back', async () => {
    const sim = await SmscSimulator.start();
    const names = await freshNames();
    await pool.query('CREATE TABLE IF NOT EXISTS naz_test.orders (id text PRIMARY KEY)');
    const q = await queue({ ...names, pollIntervalMs: 60_000 });
    const accepted: string[] = [];
    sim.on('submit', (s) => {
      if ('short_message' in s.pdu) accepted.push(s.pdu.short_message.toString('latin1'));
    });
    const client = new SmppClient(
      { host: '127.0.0.1', port: sim.port, systemId: 'pg', password: 'secret', logLevel: 'error' },
      { queue: q },
    );
    const submitted: string[] = [];
    client.on('submitted', (e) => submitted.push(e.correlationId));
    try {
      await client.start();
      await client.waitUntilBound(10_000);
      const placeOrder = async (id: string, commit: boolean): Promise<void> => {
        const db = await pool.connect();
        try {
          await db.query('BEGIN');
          await db.query('INSERT INTO naz_test.orders (id) VALUES ($1)', [id]);
          await q.enqueue({ correlationId: id, to: '447700900123', text: `order ${id}` }, { client: db });
          await db.query(commit ? 'COMMIT' : 'ROLLBACK');
        } finally {
          db.release();
        }
      };
      await placeOrder('o-committed', true);
      await placeOrder('o-rolled-back', false);
      await placeOrder('o-committed-2', true);
      await waitFor(() => submitted.length === 2, 10_000, 'both committed orders submitted');
      // The consumer sleeps on LISTEN (poll 60 s): it was woken by the commits' notifications.
      expect(submitted.sort()).toEqual(['o-committed', 'o-committed-2']);
      expect(accepted.sort()).toEqual(['order o-committed', 'order o-committed-2']);
      await waitFor(async () => (await rowCount(q.names.sqlTable)) === 0, 5_000, 'the outbox emptied');
      const orders = await pool.query('SELECT id FROM naz_test.orders ORDER BY id');
      expect(orders.rows.map((r) => r.id)).toEqual(['o-committed', 'o-committed-2']);
      // Nothing was ever there for the rolled-back order, so nothing is dead-lettered or pending either.
      expect(await rowCount(q.names.sqlDeadLetterTable)).toBe(0);
    } finally {
      await client.stop();
      await sim.stop();
    }
  }, 30_000);

  it('takes rows any producer inserted with plain SQL (the documented row format), woken by the insert trigger', async () => {
    const q = await queue({ pollIntervalMs: 60_000 });
    const waiting = q.receive(10, AbortSignal.timeout(10_000));
    const startedAt = Date.now();
    await pool.query(`INSERT INTO ${q.names.sqlTable} (message) VALUES ($1), ($2)`, [
      JSON.stringify({ v: 1, correlationId: 'sql-1', to: '447700900123', text: 'from SQL' }),
      JSON.stringify({ v: 1, to: '447700900124', text: 'no correlation id' }),
    ]);
    const got = await waiting;
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(got.map((d) => d.message.to)).toEqual(['447700900123', '447700900124']);
    expect(got[0]!.message.correlationId).toBe('sql-1');
    // Without a correlationId of its own, the row id names the message.
    expect(got[1]!.message.correlationId).toMatch(/^\d+$/);
    expect(got.every((d) => d.attempt === 1)).toBe(true);
  });

  it('rejects a batched enqueue when PostgreSQL refuses the insert, and keeps the others of later batches', async () => {
    const q = await queue();
    await pool.query(
      `ALTER TABLE ${q.names.sqlTable} ADD CONSTRAINT no_blocked CHECK (message->>'to' <> '000')`,
    );
    await expect(q.enqueue(msg(1, { to: '000' }))).rejects.toThrow(/no_blocked/);
    await q.enqueue(msg(2));
    expect(await q.size()).toBe(1);
  });
});

describe('PostgresOutboundQueue: claiming, leases and acknowledgements', () => {
  it('hands out up to `max` rows oldest first, leased to the consumer, and deletes them once acknowledged', async () => {
    const q = await queue();
    for (let i = 0; i < 7; i++) await q.enqueue(msg(i));
    const first = await q.receive(3, AbortSignal.timeout(2_000));
    expect(first.map((d) => d.message.correlationId)).toEqual(['c0', 'c1', 'c2']);
    const leased = await pool.query(
      `SELECT locked_by, locked_until > now() AS live FROM ${q.names.sqlTable} WHERE locked_by IS NOT NULL`,
    );
    expect(leased.rows).toEqual(Array.from({ length: 3 }, () => ({ locked_by: q.consumer, live: true })));
    expect(await q.size()).toBe(4);
    expect((await q.health()).leased).toBe(3);
    const rest = await receiveAll(q, 4);
    expect(rest.map((d) => d.message.correlationId)).toEqual(['c3', 'c4', 'c5', 'c6']);
    await Promise.all([...first, ...rest].map((d) => d.ack()));
    expect(await rowCount(q.names.sqlTable)).toBe(0);
  });

  it('gives two consumers disjoint rows (SKIP LOCKED): each message goes to exactly one', async () => {
    const a = await queue();
    const b = await queue({ ...{ schema: a.names.schema, table: a.names.table } });
    await Promise.all(Array.from({ length: 400 }, (_, i) => a.enqueue(msg(i))));
    const seen: string[] = [];
    const consume = async (q: PostgresOutboundQueue): Promise<void> => {
      for (;;) {
        const got = await q.receive(25, AbortSignal.timeout(1_000));
        if (got.length === 0) return;
        seen.push(...got.map((d) => d.message.correlationId));
        await Promise.all(got.map((d) => d.ack()));
      }
    };
    await Promise.all([consume(a), consume(b)]);
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
  });

  it('lets another consumer take the rows of one that died holding them, once their lease ends', async () => {
    const dead = await queue({ leaseMs: 500 });
    const heir = await queue({ schema: dead.names.schema, table: dead.names.table, leaseMs: 500 });
    for (let i = 0; i < 3; i++) await dead.enqueue(msg(i));
    const held = await receiveAll(dead, 3);
    expect(held).toHaveLength(3);
    // The holder "dies": it stops renewing (closing stops the renewals and leaves the leases as they are).
    await dead.close();
    const claimedAt = Date.now();
    const taken = await receiveAll(heir, 3, 10_000);
    expect(taken.map((d) => d.message.correlationId).sort()).toEqual(['c0', 'c1', 'c2']);
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(300);
    // Same attempt: a takeover is not a retry the client asked for.
    expect(taken.every((d) => d.attempt === 1)).toBe(true);
  });

  it('renews the leases of a live consumer, however long the SMSC takes', async () => {
    const holder = await queue({ leaseMs: 300 });
    const other = await queue({ schema: holder.names.schema, table: holder.names.table, leaseMs: 300 });
    await holder.enqueue(msg(1));
    const [held] = await receiveAll(holder, 1);
    expect(held).toBeDefined();
    // Five lease lengths later, the other consumer still finds nothing to take.
    expect(await other.receive(1, AbortSignal.timeout(1_500))).toEqual([]);
    await held!.ack();
  });

  it('requeues on nack: at once with delayMs 0, after available_at with a delay, with the next attempt', async () => {
    const q = await queue({ pollIntervalMs: 5_000 });
    await q.enqueue(msg(1));
    await q.enqueue(msg(2));
    const [one, two] = await receiveAll(q, 2);
    const nackedAt = Date.now();
    await one!.nack({ requeue: true, delayMs: 600, reason: 'ESME_RTHROTTLED' });
    await two!.nack({ requeue: true, delayMs: 0 });
    const again = await receiveAll(q, 1);
    expect(again.map((d) => [d.message.correlationId, d.attempt])).toEqual([['c2', 2]]);
    const { rows } = await pool.query(
      `SELECT (extract(epoch FROM available_at - now()) * 1000)::int AS wait FROM ${q.names.sqlTable} WHERE message->>'correlationId' = 'c1'`,
    );
    expect((rows[0] as { wait: number }).wait).toBeGreaterThan(0);
    const later = await receiveAll(q, 1, 5_000);
    expect(later.map((d) => [d.message.correlationId, d.attempt])).toEqual([['c1', 2]]);
    // Woken for its own delayed retry, not by the 5 s fallback poll.
    expect(Date.now() - nackedAt).toBeGreaterThanOrEqual(550);
    expect(Date.now() - nackedAt).toBeLessThan(4_000);
  });

  it('gives rows back at once, unclaimed, when the caller stops waiting during the claim', async () => {
    const q = await queue();
    await q.enqueue(msg(1));
    const controller = new AbortController();
    const receiving = q.receive(5, controller.signal);
    controller.abort();
    expect(await receiving).toEqual([]);
    const { rows } = await pool.query(
      `SELECT deliveries, locked_by, available_at <= now() AS ready FROM ${q.names.sqlTable}`,
    );
    expect(rows).toEqual([{ deliveries: 0, locked_by: null, ready: true }]);
    const [delivery] = await receiveAll(q, 1);
    expect(delivery?.attempt).toBe(1);
  });
});

describe('PostgresOutboundQueue: dead letters', () => {
  it('moves a message that failed for good to the dead-letter table with its reason and payload', async () => {
    const q = await queue();
    await q.enqueue(msg(1, { metadata: { tenant: 't1' } }));
    const [delivery] = await receiveAll(q, 1);
    await delivery!.nack({ requeue: false, reason: 'ESME_RINVDSTADR' });
    const { rows } = await pool.query(
      `SELECT message, reason, attempt, deliveries, consumer, source_id IS NOT NULL AS has_source FROM ${q.names.sqlDeadLetterTable}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reason: 'ESME_RINVDSTADR',
      attempt: 1,
      deliveries: 1,
      consumer: q.consumer,
      has_source: true,
      message: { v: 1, correlationId: 'c1', to: '254700000000', metadata: { tenant: 't1' } },
    });
    expect(await rowCount(q.names.sqlTable)).toBe(0);
    expect((await q.health()).deadLetters).toBe(1);
  });

  it('deletes a message the SMSC refused for good, or dead-letters it with the rejection under deadLetterRejected', async () => {
    for (const deadLetterRejected of [false, true]) {
      const q = await queue({ deadLetterRejected });
      await q.enqueue(msg(1));
      const [delivery] = (await receiveAll(q, 1)) as PostgresQueueDelivery[];
      await delivery!.ack({ rejectedReason: 'submit_sm rejected: ESME_RINVDSTADR (0x0000000B)' });
      await waitFor(async () => (await rowCount(q.names.sqlTable)) === 0, 5_000, 'the row gone');
      const { rows } = await pool.query(`SELECT reason FROM ${q.names.sqlDeadLetterTable}`);
      expect(rows).toEqual(
        deadLetterRejected ? [{ reason: 'submit_sm rejected: ESME_RINVDSTADR (0x0000000B)' }] : [],
      );
    }
  });

  it('hands rows that are not sendable messages out marked unsendable (reason naming the field); their nack dead-letters them', async () => {
    const q = await queue();
    await pool.query(`INSERT INTO ${q.names.sqlTable} (message) VALUES ($1), ($2), ($3)`, [
      JSON.stringify({ v: 2, to: '1', text: 'x' }),
      JSON.stringify({ v: 1, text: 'no destination' }),
      JSON.stringify({ v: 1, correlationId: 'good', to: '254700000000', text: 'fine' }),
    ]);
    const got = await receiveAll(q, 3);
    const sendable = got.filter((d) => d.unsendable === undefined);
    expect(sendable.map((d) => d.message.correlationId)).toEqual(['good']);
    const unsendable = got.filter((d) => d.unsendable !== undefined);
    expect(unsendable.map((d) => d.unsendable?.message)).toEqual([
      expect.stringMatching(/^queue item v must be 1/),
      expect.stringMatching(/^queue item to must be a non-empty string/),
    ]);
    // What the client does with them: report them failed and nack them for good, with the reason.
    for (const d of unsendable) await d.nack({ requeue: false, reason: d.unsendable!.message });
    const { rows } = await pool.query(`SELECT reason FROM ${q.names.sqlDeadLetterTable} ORDER BY source_id`);
    expect(rows.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^queue item v must be 1/),
      expect.stringMatching(/^queue item to must be a non-empty string/),
    ]);
  });

  it('refuses at insert time a row whose message is not a JSON object', async () => {
    const q = await queue();
    await expect(
      pool.query(`INSERT INTO ${q.names.sqlTable} (message) VALUES ('"just a string"')`),
    ).rejects.toThrow(/check constraint/);
  });

  it('hands a message claimed more than maxDeliveries times out marked unsendable (a poison message); its nack dead-letters it', async () => {
    const q = await queue({ leaseMs: 200, maxDeliveries: 2 });
    await q.enqueue(msg(1));
    await pool.query(`UPDATE ${q.names.sqlTable} SET deliveries = 2`);
    const [poison] = await receiveAll(q, 1);
    expect(poison!.unsendable?.message).toMatch(/claimed more than 2 times/);
    await poison!.nack({ requeue: false, reason: poison!.unsendable!.message });
    const { rows } = await pool.query(`SELECT reason, deliveries FROM ${q.names.sqlDeadLetterTable}`);
    expect(rows).toEqual([{ reason: expect.stringMatching(/claimed more than 2 times/), deliveries: 3 }]);
  });
});

describe('PostgresOutboundQueue: failures', () => {
  it('recovers when PostgreSQL drops every connection: consumes again and wakes on new inserts', async () => {
    const q = await queue({ pollIntervalMs: 60_000 });
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    await first!.ack();
    await waitFor(async () => (await q.health()).listening, 5_000, 'the listener up');
    // Kill every other session of this database, as a failover or an admin would.
    await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND backend_type = 'client backend'`,
    );
    await waitFor(async () => (await q.health()).listening, 10_000, 'the listener reconnected');
    const waiting = q.receive(5, AbortSignal.timeout(10_000));
    await q.enqueue(msg(2));
    expect((await waiting).map((d) => d.message.correlationId)).toEqual(['c2']);
  }, 30_000);

  it('waits while the pool is exhausted by the application, then goes on', async () => {
    const small = new pg.Pool({ connectionString: server.url, max: 2 });
    try {
      const names = await freshNames();
      const q = await queue({ ...names, pool: small });
      await q.enqueue(msg(1));
      const held = [await small.connect(), await small.connect()];
      const waiting = receiveAll(q, 1, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      for (const c of held) c.release();
      expect((await waiting).map((d) => d.message.correlationId)).toEqual(['c1']);
    } finally {
      await Promise.all(opened.splice(0).map((x) => x.close()));
      await small.end();
    }
  });

  it('keeps an acknowledgement that failed and writes it once PostgreSQL answers again', async () => {
    const q = await queue();
    await q.enqueue(msg(1));
    const [delivery] = await receiveAll(q, 1);
    await pool.query(`ALTER TABLE ${q.names.sqlTable} RENAME TO hidden_${q.names.table}`);
    const acked = delivery!.ack();
    await new Promise((r) => setTimeout(r, 400));
    await pool.query(`ALTER TABLE naz_test."hidden_${q.names.table}" RENAME TO "${q.names.table}"`);
    await acked;
    expect(await rowCount(q.names.sqlTable)).toBe(0);
  });
});

describe('PostgresOutboundQueue: prepared statements', () => {
  /** The pool, recording what each query was sent as: a name (prepared) or plain text. */
  function recordingPool(): { pool: pg.Pool; sent: Array<string | undefined> } {
    const recording = new pg.Pool({ connectionString: server.url, max: 4 });
    const sent: Array<string | undefined> = [];
    const query = recording.query.bind(recording) as (...args: unknown[]) => unknown;
    (recording as { query: unknown }).query = (...args: unknown[]): unknown => {
      sent.push(typeof args[0] === 'string' ? undefined : (args[0] as { name?: string }).name);
      return query(...args);
    };
    return { pool: recording, sent };
  }

  it('prepares its statements under names of its own: two outboxes on one pool never collide', async () => {
    const { pool: shared, sent } = recordingPool();
    try {
      const [a, b] = [await freshNames(), await freshNames()];
      const queues = [a, b].map((names) => new PostgresOutboundQueue({ pool: shared, ...names }));
      opened.push(...queues);
      // Enough rounds that every pooled connection prepares both queues' statements.
      for (let round = 0; round < 5; round++) {
        for (const [n, q] of queues.entries()) {
          await Promise.all([0, 1, 2].map((i) => q.enqueue(msg(round * 10 + n * 100 + i))));
          const got = await receiveAll(q, 3);
          expect(got.map((d) => d.message.correlationId)).toEqual(
            [0, 1, 2].map((i) => `c${round * 10 + n * 100 + i}`),
          );
          await Promise.all(got.map((d) => d.ack()));
        }
      }
      for (const q of queues) expect(await rowCount(q.names.sqlTable)).toBe(0);
      const names = new Set(sent.filter((name): name is string => name !== undefined));
      const prefixes = new Set([...names].map((name) => name.replace(/_[a-zA-Z]+$/, '')));
      expect(prefixes.size).toBe(2);
      expect([...names].every((name) => name.startsWith('naz_outbox_'))).toBe(true);
    } finally {
      await Promise.all(opened.splice(0).map((x) => x.close()));
      await shared.end();
    }
  });

  it('claims, renews and acknowledges with the server’s commit setting under asyncCommit: false', async () => {
    const q = await queue({ asyncCommit: false, leaseMs: 1_000 });
    await q.enqueue(msg(1));
    const [delivery] = await receiveAll(q, 1);
    // Past one lease: the renewal (a synchronous commit now) kept the row ours.
    await new Promise((r) => setTimeout(r, 1_500));
    const { rows } = await pool.query(`SELECT locked_until > now() AS live FROM ${q.names.sqlTable}`);
    expect(rows).toEqual([{ live: true }]);
    await delivery!.ack();
    expect(await rowCount(q.names.sqlTable)).toBe(0);
  });

  it('sends plain text with preparedStatements: false (for poolers that drop prepared statements)', async () => {
    const { pool: plain, sent } = recordingPool();
    try {
      const q = new PostgresOutboundQueue({
        pool: plain,
        preparedStatements: false,
        ...(await freshNames()),
      });
      opened.push(q);
      await q.enqueue(msg(1));
      const [delivery] = await receiveAll(q, 1);
      await delivery!.ack();
      expect(await rowCount(q.names.sqlTable)).toBe(0);
      expect(sent.length).toBeGreaterThanOrEqual(3);
      expect(sent.every((name) => name === undefined)).toBe(true);
    } finally {
      await Promise.all(opened.splice(0).map((x) => x.close()));
      await plain.end();
    }
  });
});

describe('PostgresOutboundQueue.provider', () => {
  it('builds a Nest factory provider under NAZ_OUTBOUND_QUEUE that injects the module logger and your dependencies', async () => {
    const provider = PostgresOutboundQueue.provider({
      inject: ['CONFIG'],
      useFactory: (url: string) => ({ connection: url, table: 'sms_outbox' }),
    });
    expect(provider.provide).toBe(NAZ_OUTBOUND_QUEUE);
    expect(provider.inject).toEqual([{ token: NAZ_LOGGER, optional: true }, 'CONFIG']);
    const q = (await provider.useFactory(undefined, server.url)) as PostgresOutboundQueue;
    opened.push(q);
    expect(q.names.sqlTable).toBe('"public"."sms_outbox"');
  });
});
