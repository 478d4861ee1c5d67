import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { QueueFullError } from '../../lib/queue/queue-full.error.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import type { RedisOutboundQueueOptions } from '../../lib/queue/redis/redis-outbound-queue-options.interface.js';
import { NAZ_LOGGER, NAZ_OUTBOUND_QUEUE } from '../../lib/tokens.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { describeDeadLetters } from './support/dead-letter-scenarios.js';
import { msg, receiveAll } from './support/queue-test-helpers.js';

let server: RedisTestServer;
let admin: Redis;
const opened: RedisOutboundQueue[] = [];

beforeAll(async () => {
  server = await startRedisServer({ persistent: true });
  admin = new Redis(server.url);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
});

afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

function streamName(): string {
  return `test:${randomBytes(4).toString('hex')}`;
}

function queue(options: RedisOutboundQueueOptions = {}): RedisOutboundQueue {
  const q = new RedisOutboundQueue({ connection: server.url, blockMs: 200, ...options });
  opened.push(q);
  return q;
}

describe('RedisOutboundQueue: enqueue, receive, acknowledge', () => {
  it('hands out what was enqueued, in order, with attempt 1, and forgets it once acknowledged', async () => {
    const q = queue({ stream: streamName() });
    for (let i = 0; i < 5; i++) await q.enqueue(msg(i, { bytes: Buffer.from([i]), text: undefined }));
    expect(await q.size()).toBe(5);
    const got = await receiveAll(q, 5);
    expect(got.map((d) => d.message.correlationId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(got[3].message.bytes).toEqual(Buffer.from([3]));
    expect(got.every((d) => d.attempt === 1)).toBe(true);
    expect(await q.size()).toBe(0);
    expect((await q.health()).pending).toBe(5);
    await Promise.all(got.map((d) => d.ack()));
    expect(await admin.xlen(q.stream)).toBe(0);
    expect((await q.health()).pending).toBe(0);
  });

  it('hands a message this process enqueued back as the same object (no parse, no second encode), others as parsed copies', async () => {
    const q = queue({ stream: streamName() });
    const mine = msg(1);
    await q.enqueue(mine);
    await admin.xadd(
      q.stream,
      '*',
      'message',
      JSON.stringify({ v: 1, correlationId: 'c2', to: '254700000000', text: 'x' }),
    );
    const [own, other] = await receiveAll(q, 2);
    expect(own.message).toBe(mine);
    expect(other.message).toEqual({ correlationId: 'c2', to: '254700000000', text: 'x' });
    // Dead letters and retries still carry the payload as stored.
    await own.nack({ requeue: false, reason: 'test' });
    const [[, fields]] = await admin.xrange(q.deadLetterStream, '-', '+');
    expect(JSON.parse(Object.fromEntries(chunk(fields)).message)).toMatchObject({
      v: 1,
      correlationId: 'c1',
    });
  });

  it('returns at most `max` deliveries per receive', async () => {
    const q = queue({ stream: streamName() });
    for (let i = 0; i < 7; i++) await q.enqueue(msg(i));
    const first = await q.receive(3, AbortSignal.timeout(2_000));
    expect(first).toHaveLength(3);
    const rest = await receiveAll(q, 4);
    expect(rest.map((d) => d.message.correlationId)).toEqual(['c3', 'c4', 'c5', 'c6']);
  });

  it('reads the next batch ahead, and gives it back when the receiving signal aborts and no receive follows: another consumer takes it', async () => {
    const stream = streamName();
    const a = queue({ stream });
    for (let i = 0; i < 4; i++) await a.enqueue(msg(i));
    const controller = new AbortController();
    const first = await a.receive(2, controller.signal);
    expect(first.map((d) => d.message.correlationId)).toEqual(['c0', 'c1']);
    // The read ahead (c2, c3) lands while c0 and c1 are "at the SMSC": all four are pending to `a`.
    const pending = async (): Promise<number> =>
      Number(((await admin.xpending(stream, 'naz')) as [number])[0]);
    for (const deadline = Date.now() + 5_000; (await pending()) < 4 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    expect(await pending()).toBe(4);
    controller.abort();
    const b = queue({ stream });
    const taken = await receiveAll(b, 2);
    expect(taken.map((d) => d.message.correlationId)).toEqual(['c2', 'c3']);
    expect(taken.map((d) => d.attempt)).toEqual([1, 1]);
    await Promise.all([...first, ...taken].map((d) => d.ack()));
    expect(await admin.xlen(stream)).toBe(0);
  });

  it('keeps what it read ahead for a receive that follows an aborted one at once (a throttled message held)', async () => {
    const stream = streamName();
    const q = queue({ stream });
    for (let i = 0; i < 4; i++) await q.enqueue(msg(i));
    const ids = (await admin.xrange(stream, '-', '+')).map(([id]) => id);
    const controller = new AbortController();
    const first = await q.receive(2, controller.signal);
    const pending = async (): Promise<number> =>
      Number(((await admin.xpending(stream, 'naz')) as [number])[0]);
    for (const deadline = Date.now() + 5_000; (await pending()) < 4 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const next = await q.receive(2, AbortSignal.timeout(2_000));
    // The same entries, not requeued copies: nothing went back to the stream.
    expect(next.map((d) => d.message.correlationId)).toEqual(['c2', 'c3']);
    expect((await admin.xrange(stream, '-', '+')).map(([id]) => id)).toEqual(ids);
    await Promise.all([...first, ...next].map((d) => d.ack()));
    expect(await admin.xlen(stream)).toBe(0);
  });

  it('resolves an empty array promptly when the signal aborts, and loses nothing enqueued meanwhile', async () => {
    const q = queue({ stream: streamName(), blockMs: 10_000 });
    await q.connect();
    const controller = new AbortController();
    const pending = q.receive(10, controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    controller.abort();
    expect(await pending).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await q.enqueue(msg(1));
    const got = await receiveAll(q, 1);
    expect(got.map((d) => d.message.correlationId)).toEqual(['c1']);
  });

  it('refuses new messages beyond maxLength with QueueFullError, never trimming queued ones', async () => {
    const q = queue({ stream: streamName(), maxLength: 3 });
    for (let i = 0; i < 3; i++) await q.enqueue(msg(i));
    await expect(q.enqueue(msg(3))).rejects.toBeInstanceOf(QueueFullError);
    expect(await admin.xlen(q.stream)).toBe(3);
    const got = await receiveAll(q, 3);
    expect(got.map((d) => d.message.correlationId)).toEqual(['c0', 'c1', 'c2']);
  });
});

describe('RedisOutboundQueue: retries and dead letters', () => {
  it('redelivers a nacked message after its delay with the next attempt number, without holding back others', async () => {
    const q = queue({ stream: streamName() });
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    // The delay runs from the nack: time it from there. A second is far more than the enqueue, receive and
    // health check below need, so c2 comes first and the retry is still delayed, even on a loaded machine.
    const started = Date.now();
    await first.nack({ requeue: true, delayMs: 1000 });
    await q.enqueue(msg(2));
    const [second] = await receiveAll(q, 1);
    expect(second.message.correlationId).toBe('c2');
    expect((await q.health()).delayed).toBe(1);
    const [retried] = await receiveAll(q, 1);
    expect(retried.message).toEqual(first.message);
    expect(retried.attempt).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('requeues at once with delayMs 0', async () => {
    const q = queue({ stream: streamName() });
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    await first.nack({ requeue: true });
    const [again] = await receiveAll(q, 1);
    expect(again.message.correlationId).toBe('c1');
    expect(again.attempt).toBe(2);
  });

  it('moves a message that failed for good to the dead-letter stream with its reason', async () => {
    const q = queue({ stream: streamName() });
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    await first.nack({ requeue: false, reason: 'ESME_RINVDSTADR (0x0000000B)' });
    const dead = await admin.xrange(q.deadLetterStream, '-', '+');
    expect(dead).toHaveLength(1);
    const fields = Object.fromEntries(chunk(dead[0][1]));
    expect(fields.reason).toBe('ESME_RINVDSTADR (0x0000000B)');
    expect(JSON.parse(fields.message)).toMatchObject({ v: 1, correlationId: 'c1' });
    expect(await admin.xlen(q.stream)).toBe(0);
    expect((await q.health()).deadLetters).toBe(1);
  });

  it('hands out entries that are not messages marked unsendable (field and rule), and dead-letters them as stored on nack', async () => {
    const q = queue({ stream: streamName() });
    const noDestination = '{"v":1,"correlationId":"no-to","text":"no destination"}';
    await admin.xadd(q.stream, '*', 'message', noDestination);
    const otherId = await admin.xadd(q.stream, '*', 'other', 'field');
    await q.enqueue(msg(3));
    const got = await receiveAll(q, 3);
    expect(got.map((d) => d.message.correlationId)).toEqual(['no-to', otherId, 'c3']);
    expect(got.map((d) => d.unsendable?.message)).toEqual([
      expect.stringContaining('queue item to must be a non-empty string'),
      expect.stringContaining('queue item message must be a field of the stream entry'),
      undefined,
    ]);
    // What the client does with an unsendable delivery: fail it and dead-letter it with the reason.
    for (const d of got.slice(0, 2)) await d.nack({ requeue: false, reason: d.unsendable?.message });
    const dead = (await admin.xrange(q.deadLetterStream, '-', '+')).map(([, f]) =>
      Object.fromEntries(chunk(f)),
    );
    expect(dead.map((f) => [f.message, f.reason])).toEqual([
      [noDestination, expect.stringContaining('queue item to must be a non-empty string')],
      ['', expect.stringContaining('must be a field of the stream entry')],
    ]);
  });
});

describe('RedisOutboundQueue: producers in other languages and naz', () => {
  it('accepts a v1 envelope written by hand and names it by its entry id when it has no correlationId', async () => {
    const q = queue({ stream: streamName() });
    const id = await admin.xadd(q.stream, '*', 'message', '{"v":1,"to":"254711000000","text":"from python"}');
    const [d] = await receiveAll(q, 1);
    expect(d.message).toEqual({ correlationId: id, to: '254711000000', text: 'from python' });
  });

  it('sends naz items XADDed to the stream, and items a naz producer LPUSHes to the import list', async () => {
    const stream = streamName();
    const q = queue({ stream, importListKey: `${stream}:naz` });
    const nazItem = (logId: string) =>
      JSON.stringify({
        version: '1',
        smpp_command: 'submit_sm',
        short_message: 'Hello',
        log_id: logId,
        source_addr: '254722111111',
        destination_addr: '254722999999',
        hook_metadata: 'h',
      });
    await admin.xadd(stream, '*', 'message', nazItem('via-stream'));
    await admin.lpush(`${stream}:naz`, nazItem('via-list-1'), nazItem('via-list-2'));
    const got = await receiveAll(q, 3);
    expect(got.map((d) => d.message.correlationId).sort()).toEqual([
      'via-list-1',
      'via-list-2',
      'via-stream',
    ]);
    expect(got[0].message).toMatchObject({
      to: '254722999999',
      from: '254722111111',
      text: 'Hello',
      metadata: { hookMetadata: 'h' },
    });
    expect(await admin.llen(`${stream}:naz`)).toBe(0);
  });
});

describe('RedisOutboundQueue: replicas', () => {
  it('takes over the messages of a replica that died holding them, after claimIdleMs, with the same ids', async () => {
    const stream = streamName();
    const dying = queue({ stream, claimIdleMs: 400 });
    for (let i = 0; i < 4; i++) await dying.enqueue(msg(i));
    const held = await receiveAll(dying, 4);
    // Idle time counts from the delivery: time it from there, not after close() and the survivor's start.
    const started = Date.now();
    expect(held).toHaveLength(4);
    await dying.close(); // stops refreshing: its messages stay pending, as after a SIGKILL
    const survivor = queue({ stream, claimIdleMs: 400 });
    const taken = await receiveAll(survivor, 4);
    expect(taken.map((d) => d.message.correlationId).sort()).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await Promise.all(taken.map((d) => d.ack()));
    expect(await admin.xlen(stream)).toBe(0);
  });

  it('never takes over messages a live replica is still working on, however long it holds them', async () => {
    const stream = streamName();
    const busy = queue({ stream, claimIdleMs: 300 });
    await busy.enqueue(msg(1));
    const [held] = await receiveAll(busy, 1);
    const other = queue({ stream, claimIdleMs: 300 });
    const stolen = await receiveAll(other, 1, 1_200);
    expect(stolen).toEqual([]);
    await held.ack();
  });

  it('dead-letters a message delivered maxDeliveries times without an answer (a poison message)', async () => {
    const stream = streamName();
    const first = queue({ stream, claimIdleMs: 200, maxDeliveries: 2 });
    await first.enqueue(msg(1));
    await receiveAll(first, 1);
    await first.close();
    const second = queue({ stream, claimIdleMs: 200, maxDeliveries: 2 });
    expect(await receiveAll(second, 1)).toHaveLength(1);
    await second.close();
    const third = queue({ stream, claimIdleMs: 200, maxDeliveries: 2 });
    const [poison] = await receiveAll(third, 1, 1_500);
    expect(poison.message.correlationId).toBe('c1');
    expect(poison.unsendable).toMatchObject({ name: 'PoisonMessageError', deliveries: 3, maxDeliveries: 2 });
    await poison.nack({ requeue: false, reason: poison.unsendable?.message });
    const [[, fields]] = await admin.xrange(`${stream}:dead`, '-', '+');
    expect(Object.fromEntries(chunk(fields)).reason).toContain('delivered 3 times');
    expect(await admin.xlen(stream)).toBe(0);
  });

  it('restarted under its own consumer name, takes back each pending entry once, page by page, then reads new ones', async () => {
    const stream = streamName();
    const before = queue({ stream, consumer: 'pod-0' });
    for (let i = 0; i < 7; i++) await before.enqueue(msg(i));
    expect(await receiveAll(before, 7)).toHaveLength(7);
    await before.close(); // as after a SIGKILL: all 7 stay pending under pod-0
    const after = queue({ stream, consumer: 'pod-0' });
    await after.enqueue(msg(7));
    const pages: string[][] = [];
    for (let page = 0; page < 4; page++) {
      // Nothing is settled in between: every entry handed out is still in flight here.
      const got = await after.receive(3, AbortSignal.timeout(2_000));
      pages.push(got.map((d) => d.message.correlationId));
    }
    expect(pages).toEqual([['c0', 'c1', 'c2'], ['c3', 'c4', 'c5'], ['c6'], ['c7']]);
  });

  it('never hands out again an entry it holds, when XAUTOCLAIM finds it idle (a refresh came late)', async () => {
    const stream = streamName();
    const q = queue({ stream, consumer: 'pod-1', claimIdleMs: 1_000, blockMs: 50 });
    await q.enqueue(msg(1));
    const [held] = await receiveAll(q, 1);
    const [[id]] = await admin.xrange(stream, '-', '+');
    // Make the held entry look abandoned for the whole window, as a stalled refresh would.
    const until = Date.now() + 1_500;
    const idle = (async () => {
      while (Date.now() < until) {
        await admin.call('xclaim', stream, 'naz', 'pod-1', 0, id, 'IDLE', 100_000, 'JUSTID');
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const again = await receiveAll(q, 1, 1_500);
    await idle;
    expect(again).toEqual([]);
    await held.ack();
  });

  it('shares one stream between two consumers: each message goes to exactly one', async () => {
    const stream = streamName();
    const producer = queue({ stream });
    for (let i = 0; i < 200; i++) await producer.enqueue(msg(i));
    const a = queue({ stream });
    const b = queue({ stream });
    const seen: string[] = [];
    const consume = async (q: RedisOutboundQueue): Promise<number> => {
      let n = 0;
      for (;;) {
        const got = await q.receive(10, AbortSignal.timeout(500));
        if (got.length === 0) return n;
        n += got.length;
        for (const d of got) seen.push(d.message.correlationId);
        await Promise.all(got.map((d) => d.ack()));
      }
    };
    const [na, nb] = await Promise.all([consume(a), consume(b)]);
    expect(na + nb).toBe(200);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(200);
  });
});

describe('RedisOutboundQueue: broker outage', () => {
  it('pauses while Redis restarts, then delivers everything, acknowledging what was held', async () => {
    const q = queue({ stream: streamName() });
    for (let i = 0; i < 20; i++) await q.enqueue(msg(i));
    const before = await receiveAll(q, 5);
    await Promise.all(before.map((d) => d.ack()));
    const held = await receiveAll(q, 5);
    expect((await q.health()).connected).toBe(true);
    await server.halt();
    while ((await q.health()).connected) await new Promise((r) => setTimeout(r, 20));
    expect((await q.health()).state).not.toBe('ready');
    const acking = Promise.all(held.map((d) => d.ack()));
    await server.start();
    await acking;
    const after = await receiveAll(q, 10, 10_000);
    const ids = [...before, ...held, ...after].map((d) => d.message.correlationId);
    expect(new Set(ids).size).toBe(20);
    await Promise.all(after.map((d) => d.ack()));
    expect(await q.size()).toBe(0);
  });
});

describe('RedisOutboundQueue.provider', () => {
  it('builds a Nest factory provider under NAZ_OUTBOUND_QUEUE that injects the module logger and your dependencies', async () => {
    const provider = RedisOutboundQueue.provider({
      clientName: 'billing',
      inject: ['CONFIG'],
      useFactory: (config: { url: string }) => ({ connection: config.url, stream: 'from-config' }),
    });
    expect(provider.provide).toBe(NAZ_OUTBOUND_QUEUE);
    expect(provider.inject).toEqual([{ token: NAZ_LOGGER, optional: true }, 'CONFIG']);
    const built = (await provider.useFactory(undefined, { url: server.url })) as RedisOutboundQueue;
    opened.push(built);
    expect(built.stream).toBe('from-config');
    expect(RedisOutboundQueue.provider({ stream: 's' }).provide).toBe(NAZ_OUTBOUND_QUEUE);
  });
});

function chunk(flat: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

describeDeadLetters<RedisOutboundQueue>({
  name: 'RedisOutboundQueue',
  queue: (options) => queue({ stream: streamName(), ...options }),
  putRaw: async (q, payload) => {
    await admin.xadd(q.stream, '*', 'message', payload, 'attempt', '1');
  },
  deadLetters: async (q) =>
    (await admin.xrange(q.deadLetterStream, '-', '+')).map(([, flat]) => {
      const fields = Object.fromEntries(chunk(flat));
      return { reason: fields.reason, payload: fields.message };
    }),
  remaining: (q) => admin.xlen(q.stream),
});
