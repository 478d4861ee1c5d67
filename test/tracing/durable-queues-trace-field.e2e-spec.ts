/**
 * Every durable queue stores the one envelope (lib/queue/serialization), so each carries the `trace` field:
 * checked here through the real brokers, with a message queued by this release and an item of an earlier one
 * that still carries the context in its metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type {
  OutboundQueue,
  QueueDelivery,
  QueuedMessage,
} from '../../lib/queue/outbound-queue.interface.js';
import { PostgresOutboundQueue } from '../../lib/queue/postgres/postgres-outbound-queue.js';
import { RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { startPostgresServer, type PostgresTestServer } from '../support/postgres-server.js';
import { startRabbitMqServer, type RabbitMqTestServer } from '../support/rabbitmq-server.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const traced: QueuedMessage = {
  correlationId: 'traced-1',
  to: '447700900001',
  text: 'hi',
  metadata: { tenant: 't1' },
  trace: { traceparent: TRACEPARENT, tracestate: 'vendor=value' },
};
/** An item of an earlier release (format 1.0): the context in the metadata. */
const legacy = JSON.stringify({
  v: 1,
  correlationId: 'legacy-1',
  to: '447700900001',
  text: 'hi',
  metadata: { tenant: 't1', traceparent: TRACEPARENT },
});

/** Receives until `count` deliveries arrived (each acknowledged), or fails after 10 s. */
async function receive(queue: OutboundQueue, count: number): Promise<QueuedMessage[]> {
  const got: QueueDelivery[] = [];
  const deadline = Date.now() + 10_000;
  while (got.length < count) {
    if (Date.now() > deadline) throw new Error(`received ${got.length} of ${count}`);
    const signal = AbortSignal.timeout(1_000);
    got.push(...(await queue.receive(count - got.length, signal)));
  }
  await Promise.all(got.map((delivery) => delivery.ack()));
  return got
    .map((delivery) => delivery.message)
    .sort((a, b) => b.correlationId.localeCompare(a.correlationId));
}

function expectBoth(messages: QueuedMessage[]): void {
  expect(messages).toEqual([
    traced,
    {
      correlationId: 'legacy-1',
      to: '447700900001',
      text: 'hi',
      metadata: { tenant: 't1' },
      trace: { traceparent: TRACEPARENT },
    },
  ]);
}

describe('the trace field through every durable queue', () => {
  let redis: RedisTestServer;
  let postgres: PostgresTestServer;
  let rabbit: RabbitMqTestServer;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    [redis, postgres, rabbit] = await Promise.all([
      startRedisServer(),
      startPostgresServer(),
      startRabbitMqServer(),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Promise.all([redis?.stop(), postgres?.stop(), rabbit?.stop()]);
  }, 60_000);

  it('Redis Streams', async () => {
    const stream = `trace:${randomBytes(4).toString('hex')}`;
    const queue = new RedisOutboundQueue({ connection: redis.url, stream, blockMs: 200 });
    closers.push(() => queue.close());
    await queue.enqueue(traced);
    const admin = new Redis(redis.url);
    closers.push(async () => admin.disconnect());
    await admin.xadd(stream, '*', 'message', legacy, 'attempt', '1');
    expectBoth(await receive(queue, 2));
  });

  it('PostgreSQL outbox', async () => {
    const pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
    closers.push(() => pool.end());
    const names = { schema: 'naz_test', table: `trace_${randomBytes(4).toString('hex')}` };
    await PostgresOutboundQueue.migrate(pool, names);
    const queue = new PostgresOutboundQueue({ pool, pollIntervalMs: 100, ...names });
    closers.push(() => queue.close());
    await queue.enqueue(traced);
    await pool.query(`INSERT INTO ${names.schema}.${names.table} (message) VALUES ($1::jsonb)`, [legacy]);
    expectBoth(await receive(queue, 2));
  });

  it('RabbitMQ', async () => {
    const name = `trace.${randomBytes(4).toString('hex')}`;
    const queue = new RabbitMqOutboundQueue({ url: rabbit.url, queue: name });
    closers.push(() => queue.close());
    await queue.enqueue(traced);
    // A producer of an earlier release publishes through the same adapter's format: write its item raw.
    const amqp = (await import('amqplib')).default;
    const connection = await amqp.connect(rabbit.url);
    closers.push(() => connection.close());
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(name, Buffer.from(legacy), { persistent: true, contentType: 'application/json' });
    await channel.waitForConfirms();
    expectBoth(await receive(queue, 2));
  });
});
