import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { QueueDelivery } from '../../lib/queue/outbound-queue.interface.js';
import { QueueFullError } from '../../lib/queue/queue-full.error.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import {
  DEAD_LETTER,
  ENQUEUE_BATCH,
  PARK_FOR_RETRY,
  REQUEUE_NOW,
} from '../../lib/queue/redis/redis-stream-scripts.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { startReplyDroppingProxy, type ReplyDroppingProxy } from '../support/reply-dropping-proxy.js';

/*
 * A Redis that stops (SIGTERM) exits without writing the replies of the last commands it ran, and ioredis
 * sends unanswered commands again once it has reconnected. A command that adds or moves a message (an
 * enqueue, a dead letter, a retry) must then do nothing the second time: one message, one dead letter, one
 * retry.
 */

let server: RedisTestServer;
let proxy: ReplyDroppingProxy;
let admin: Redis;
const opened: RedisOutboundQueue[] = [];

beforeAll(async () => {
  server = await startRedisServer();
  proxy = await startReplyDroppingProxy(server.port);
  admin = new Redis(server.url);
  // Loaded up front, so the command whose reply is lost runs the script (an EVALSHA of a script Redis does
  // not know yet only fails with NOSCRIPT, and the queue then sends an EVAL).
  for (const script of [ENQUEUE_BATCH, DEAD_LETTER, REQUEUE_NOW, PARK_FOR_RETRY])
    await admin.script('LOAD', script.source);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
});

afterAll(async () => {
  admin.disconnect();
  await proxy.close();
  await server.stop();
});

/** A queue through the proxy. */
function proxied(options: { maxLength?: number } = {}): { stream: string; queue: RedisOutboundQueue } {
  const stream = `lost:${randomBytes(4).toString('hex')}`;
  const queue = new RedisOutboundQueue({
    connection: `redis://127.0.0.1:${proxy.port}`,
    stream,
    blockMs: 200,
    ...options,
  });
  opened.push(queue);
  return { stream, queue };
}

/** A queue through the proxy, with one message received and held. */
async function oneHeld(): Promise<{ stream: string; delivery: QueueDelivery }> {
  const { stream, queue } = proxied();
  await queue.enqueue({ correlationId: 'c1', to: '254700000000', text: 'hello' });
  const [delivery] = await queue.receive(1, AbortSignal.timeout(5_000));
  expect(delivery?.message.correlationId).toBe('c1');
  return { stream, delivery };
}

async function pending(stream: string): Promise<number> {
  const [count] = (await admin.call('xpending', stream, 'naz')) as [number];
  return Number(count);
}

describe('RedisOutboundQueue: a reply lost as Redis stops, and the command sent again', () => {
  it('enqueues a message once, and hands it out once', async () => {
    const { stream, queue } = proxied();
    await queue.enqueue({ correlationId: 'e0', to: '254700000000', text: 'first' });
    const lost = proxy.dropReplyTo('enqueue-me');
    await queue.enqueue({ correlationId: 'e1', to: '254700000000', text: 'enqueue-me' });
    await lost;
    expect(await admin.xlen(stream)).toBe(2);
    const deliveries = await queue.receive(10, AbortSignal.timeout(5_000));
    expect(deliveries.map((d) => d.message.correlationId)).toEqual(['e0', 'e1']);
  });

  it('refuses again what it refused the first time (maxLength), and adds the rest once', async () => {
    const { stream, queue } = proxied({ maxLength: 2 });
    await queue.enqueue({ correlationId: 'e0', to: '254700000000', text: 'first' });
    const lost = proxy.dropReplyTo('enqueue-me');
    const results = await Promise.allSettled([
      queue.enqueue({ correlationId: 'e1', to: '254700000000', text: 'enqueue-me 1' }),
      queue.enqueue({ correlationId: 'e2', to: '254700000000', text: 'enqueue-me 2' }),
    ]);
    await lost;
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status === 'rejected' && results[1].reason).toBeInstanceOf(QueueFullError);
    expect(await admin.xlen(stream)).toBe(2);
  });

  it('dead-letters a message once', async () => {
    const { stream, delivery } = await oneHeld();
    const lost = proxy.dropReplyTo('failed for good');
    await delivery.nack({ requeue: false, reason: 'failed for good' });
    await lost;
    expect(await admin.xlen(`${stream}:dead`)).toBe(1);
    expect(await admin.xlen(stream)).toBe(0);
    expect(await pending(stream)).toBe(0);
  });

  it('puts a message back in the stream once', async () => {
    const { stream, delivery } = await oneHeld();
    // The payload is in the requeue command only (reads carry no payload).
    const lost = proxy.dropReplyTo('hello');
    await delivery.nack({ requeue: true, delayMs: 0 });
    await lost;
    const entries = await admin.xrange(stream, '-', '+');
    expect(entries).toHaveLength(1);
    expect(entries[0][1]).toEqual(expect.arrayContaining(['attempt', '2']));
    // The old entry is settled; the read ahead of the live queue may hold the new one.
    const held = (await admin.xpending(stream, 'naz', '-', '+', 10)) as Array<[string]>;
    expect(held.map(([id]) => id).filter((id) => id !== entries[0][0])).toEqual([]);
  });

  it('parks a delayed retry once', async () => {
    const { stream, delivery } = await oneHeld();
    const lost = proxy.dropReplyTo('hello');
    await delivery.nack({ requeue: true, delayMs: 60_000 });
    await lost;
    expect(await admin.zcard(`${stream}:delayed`)).toBe(1);
    expect(await admin.xlen(stream)).toBe(0);
    expect(await pending(stream)).toBe(0);
  });
});
