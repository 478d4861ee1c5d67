import { describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { QueueFullError } from '../../lib/queue/queue-full.error.js';
import type { QueuedMessage } from '../../lib/queue/outbound-queue.interface.js';
import {
  ATTEMPT_HEADER,
  REASON_HEADER,
  RabbitMqOutboundQueue,
} from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import type { AmqpConnect, AmqpConnectionLike } from '../../lib/queue/rabbitmq/amqp-client.interface.js';
import type { RabbitMqOutboundQueueOptions } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue-options.interface.js';
import { retryBucketMs } from '../../lib/queue/rabbitmq/retry-delay-buckets.js';
import { NAZ_OUTBOUND_QUEUE } from '../../lib/tokens.js';
import { pollUntil } from '../support/poll-until.js';
import { describeDeadLetters } from './support/dead-letter-scenarios.js';
import { msg, receiveAll } from './support/queue-test-helpers.js';
import { useRabbitMqFixture } from './support/rabbitmq-fixture.js';

const rabbit = useRabbitMqFixture('test');
const { queueName } = rabbit;
const queue = (options?: RabbitMqOutboundQueueOptions): RabbitMqOutboundQueue => rabbit.queue(options);

/** amqplib's connect, recording every ack of its channels as [delivery tag, allUpTo] (the real channel sends it). */
function recordingAcks(acks: Array<[number, boolean]>): AmqpConnect {
  return async (url, socketOptions) => {
    const model = await amqp.connect(url as string, socketOptions);
    const createChannel = model.createChannel.bind(model);
    model.createChannel = async (...args: Parameters<typeof createChannel>) => {
      const created = await createChannel(...args);
      const ack = created.ack.bind(created);
      created.ack = (message, allUpTo) => {
        acks.push([message.fields.deliveryTag, allUpTo ?? false]);
        ack(message, allUpTo);
      };
      return created;
    };
    return model as unknown as AmqpConnectionLike;
  };
}

async function drain(queueName: string): Promise<amqp.GetMessage[]> {
  const messages: amqp.GetMessage[] = [];
  for (;;) {
    const m = await rabbit.channel.get(queueName, { noAck: true });
    if (m === false) return messages;
    messages.push(m);
  }
}

/**
 * Drains a queue until it has given at least `count` messages, or 5 s passed: a dead letter is published in the
 * background (the consumer does not wait for it), so the first look may come too early on a slow broker.
 */
async function drainAtLeast(queueName: string, count: number): Promise<amqp.GetMessage[]> {
  const messages: amqp.GetMessage[] = [];
  const deadline = Date.now() + 5000;
  for (;;) {
    messages.push(...(await drain(queueName)));
    if (messages.length >= count || Date.now() > deadline) return messages;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RabbitMqOutboundQueue: enqueue, receive, acknowledge', () => {
  it('hands out confirmed, persistent messages in order with attempt 1, and removes them once acknowledged', async () => {
    const q = queue();
    for (let i = 0; i < 5; i++) await q.enqueue(msg(i, { bytes: Buffer.from([i]), text: undefined }));
    expect(await q.size()).toBe(5);
    const got = await receiveAll(q, 5);
    expect(got.map((d) => d.message.correlationId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(got[2].message.bytes).toEqual(Buffer.from([2]));
    expect(got.every((d) => d.attempt === 1)).toBe(true);
    await Promise.all(got.map((d) => d.ack()));
    const health = await q.health();
    expect(health).toMatchObject({ broker: 'rabbitmq', connected: true, depth: 0, held: 0 });
  });

  it('acknowledges messages settled in order in one frame, and never one still in flight when they settle out of order', async () => {
    const acks: Array<[number, boolean]> = [];
    const q = queue({ connect: recordingAcks(acks) });
    for (let i = 0; i < 6; i++) await q.enqueue(msg(i));
    const got = await receiveAll(q, 6);
    expect(got.map((d) => d.message.correlationId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    // c0..c2 settle in order; c4 settles while c3 is still at the SMSC; c5 never settles.
    await Promise.all([got[0], got[1], got[2], got[4]].map((d) => d.ack()));
    const deadline = Date.now() + 5_000;
    while (acks.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(acks).toEqual([
      [3, true],
      [5, false],
    ]);
    await q.close();
    // The broker took back exactly the two whose outcome is unknown.
    const left = await drainAtLeast(q.queue, 2);
    expect(left.map((m) => (JSON.parse(m.content.toString()) as QueuedMessage).correlationId).sort()).toEqual(
      ['c3', 'c5'],
    );
  });

  it('returns at most `max` per receive and grows the prefetch to follow the window', async () => {
    const q = queue();
    for (let i = 0; i < 30; i++) await q.enqueue(msg(i));
    const first = await q.receive(3, AbortSignal.timeout(2_000));
    expect(first.length).toBeLessThanOrEqual(3);
    const rest = await receiveAll(q, 30 - first.length);
    expect(new Set([...first, ...rest].map((d) => d.message.correlationId)).size).toBe(30);
    expect((await q.health()).prefetch).toBeGreaterThanOrEqual(27);
  });

  it('resolves an empty array when the signal aborts and loses nothing enqueued afterwards', async () => {
    const q = queue();
    await q.connect();
    const controller = new AbortController();
    const pending = q.receive(10, controller.signal);
    controller.abort();
    expect(await pending).toEqual([]);
    await q.enqueue(msg(1));
    expect((await receiveAll(q, 1)).map((d) => d.message.correlationId)).toEqual(['c1']);
  });

  it('refuses messages beyond maxLength with QueueFullError', async () => {
    const q = queue({ maxLength: 3 });
    for (let i = 0; i < 3; i++) await q.enqueue(msg(i));
    await new Promise((r) => setTimeout(r, 250));
    await expect(q.enqueue(msg(3))).rejects.toBeInstanceOf(QueueFullError);
  });
});

describe('RabbitMqOutboundQueue: retries and dead letters', () => {
  it('rounds retry delays up to a power of two between 256 ms and ~70 min', () => {
    expect([1, 200, 256, 257, 1000, 60_000, 1e9].map(retryBucketMs)).toEqual([
      256, 256, 256, 512, 1024, 65536, 4194304,
    ]);
  });

  it('redelivers a nacked message through a retry queue after its delay, attempt 2, without holding back others', async () => {
    const q = queue();
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    // The delay (1000 ms, rounded up to the 1024 ms retry queue) runs from the nack: time it from there. It is
    // far more than the enqueue and receive below need, so c2 comes first even on a loaded machine.
    const started = Date.now();
    await first.nack({ requeue: true, delayMs: 1000 });
    await q.enqueue(msg(2));
    const [second] = await receiveAll(q, 1);
    expect(second.message.correlationId).toBe('c2');
    const [retried] = await receiveAll(q, 1);
    expect(retried.message).toEqual(first.message);
    expect(retried.attempt).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('requeues at once with delayMs 0, as attempt 2', async () => {
    const q = queue();
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    await first.nack({ requeue: true });
    const [again] = await receiveAll(q, 1);
    expect(again.message.correlationId).toBe('c1');
    expect(again.attempt).toBe(2);
  });

  it('moves a message that failed for good to the dead-letter queue with its reason', async () => {
    const q = queue();
    await q.enqueue(msg(1));
    const [first] = await receiveAll(q, 1);
    await first.nack({ requeue: false, reason: 'ESME_RINVDSTADR (0x0000000B)' });
    const dead = await drainAtLeast(q.deadLetterQueue, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].properties.headers?.[REASON_HEADER]).toBe('ESME_RINVDSTADR (0x0000000B)');
    expect(dead[0].properties.headers?.[ATTEMPT_HEADER]).toBe(1);
    expect(JSON.parse(dead[0].content.toString())).toMatchObject({ v: 1, correlationId: 'c1' });
  });

  it('publishes a first attempt without a header table and a requeued one with x-naz-attempt', async () => {
    const q = queue();
    await q.enqueue(msg(1));
    const [published] = await drainAtLeast(q.queue, 1);
    // Absent means attempt 1 (docs/QUEUE-FORMAT.md): no table for amqplib to encode and decode per message.
    expect(published.properties.headers?.[ATTEMPT_HEADER]).toBeUndefined();
    expect(published.properties).toMatchObject({
      messageId: 'c1',
      contentType: 'application/json',
      deliveryMode: 2,
    });
    await q.enqueue(msg(2));
    const [first] = await receiveAll(q, 1);
    await first.nack({ requeue: true });
    // The queue's own consumer would take the requeued message first: close it (the broker keeps what it held).
    await q.close();
    const [requeued] = await drainAtLeast(q.queue, 1);
    expect(requeued.properties.headers?.[ATTEMPT_HEADER]).toBe(2);
  });

  it('hands out bodies that are not messages marked unsendable, and dead-letters them as published on nack', async () => {
    const q = queue();
    await q.connect();
    const body = '{"v":7,"to":"1","text":"x"}';
    rabbit.channel.sendToQueue(q.queue, Buffer.from(body), { persistent: true, messageId: 'v7' });
    // Two connections publish here: the broker orders only what it has, so v7 must be in the queue first.
    await pollUntil(async () => (await rabbit.channel.checkQueue(q.queue)).messageCount === 1, {
      what: 'v7 in the queue',
    });
    await q.enqueue(msg(2));
    const got = await receiveAll(q, 2);
    expect(got.map((d) => d.message.correlationId)).toEqual(['v7', 'c2']);
    expect(got[0].unsendable?.message).toContain('queue item v must be 1');
    expect(got[1].unsendable).toBeUndefined();
    // What the client does with an unsendable delivery: fail it and dead-letter it with the reason.
    await got[0].nack({ requeue: false, reason: got[0].unsendable?.message });
    const dead = await drainAtLeast(q.deadLetterQueue, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].content.toString()).toBe(body);
    expect(String(dead[0].properties.headers?.[REASON_HEADER])).toContain('queue item v must be 1');
  });
});

describe('RabbitMqOutboundQueue: producers in other languages and naz', () => {
  it('reads naz items and hand-written envelopes; AMQP message_id names a message without correlationId', async () => {
    const q = queue();
    await q.connect();
    const naz = {
      version: 1,
      smpp_command: 'submit_sm',
      log_id: 'naz-1',
      short_message: 'Hi',
      source_addr: '254722111111',
      destination_addr: '254722999999',
      hook_metadata: null,
      pdu: null,
    };
    rabbit.channel.sendToQueue(q.queue, Buffer.from(JSON.stringify(naz)), { persistent: true });
    rabbit.channel.sendToQueue(q.queue, Buffer.from('{"v":1,"to":"254711","text":"go"}'), {
      persistent: true,
      messageId: 'amqp-id-7',
      headers: { [ATTEMPT_HEADER]: 3 },
    });
    const got = await receiveAll(q, 2);
    expect(got[0].message).toEqual({
      correlationId: 'naz-1',
      to: '254722999999',
      from: '254722111111',
      text: 'Hi',
    });
    expect(got[1].message).toEqual({ correlationId: 'amqp-id-7', to: '254711', text: 'go' });
    expect(got[1].attempt).toBe(3);
  });
});

// Before the broker restart below, which closes the admin channel these use.
describeDeadLetters<RabbitMqOutboundQueue>({
  name: 'RabbitMqOutboundQueue',
  queue: (options) => queue(options),
  putRaw: async (q, payload) => {
    rabbit.channel.sendToQueue(q.queue, Buffer.from(payload), { persistent: true });
    await rabbit.channel.checkQueue(q.queue); // a round trip: the message is routed before the consumer starts
  },
  deadLetters: async (q) =>
    (await drain(q.deadLetterQueue)).map((m) => ({
      reason: String(m.properties.headers?.[REASON_HEADER]),
      payload: m.content.toString('utf8'),
    })),
  remaining: async (q) => (await rabbit.channel.checkQueue(q.queue)).messageCount,
});

describe('RabbitMqOutboundQueue: replicas and outages', () => {
  it('gives the messages a replica held when it went away to another replica, with the same ids', async () => {
    const name = queueName();
    const dying = queue({ queue: name });
    for (let i = 0; i < 4; i++) await dying.enqueue(msg(i));
    expect(await receiveAll(dying, 4)).toHaveLength(4);
    await dying.close();
    const survivor = queue({ queue: name });
    const taken = await receiveAll(survivor, 4);
    expect(taken.map((d) => d.message.correlationId).sort()).toEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it('gives prefetched messages back when its send loop stops asking, so another replica sends them', async () => {
    const name = queueName();
    const stalled = queue({ queue: name, releaseAfterMs: 200 });
    for (let i = 0; i < 10; i++) await stalled.enqueue(msg(i));
    const [first] = await stalled.receive(1, AbortSignal.timeout(2_000));
    const other = queue({ queue: name });
    const rest = await receiveAll(other, 9, 5_000);
    expect(rest.map((d) => d.message.correlationId).sort()).toEqual(
      ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'].filter(
        (c) => c !== first.message.correlationId,
      ),
    );
    await first.ack();
    await Promise.all(rest.map((d) => d.ack()));
    // Acks sent just before close() are not lost (channels close before the connection).
    await other.close();
    // Asking again resumes consuming.
    await stalled.enqueue(msg(10));
    expect((await receiveAll(stalled, 1)).map((d) => d.message.correlationId)).toEqual(['c10']);
  });

  it('shares one queue between two consumers: each message goes to exactly one', async () => {
    const name = queueName();
    const producer = queue({ queue: name });
    for (let i = 0; i < 200; i++) await producer.enqueue(msg(i));
    const a = queue({ queue: name });
    const b = queue({ queue: name });
    await Promise.all([a.connect(), b.connect()]);
    const seen: string[] = [];
    const consume = async (q: RabbitMqOutboundQueue): Promise<number> => {
      let n = 0;
      for (;;) {
        const got = await q.receive(10, AbortSignal.timeout(500));
        if (got.length === 0) return n;
        n += got.length;
        for (const d of got) seen.push(d.message.correlationId);
        await new Promise((r) => setTimeout(r, 5));
        await Promise.all(got.map((d) => d.ack()));
      }
    };
    const [na, nb] = await Promise.all([consume(a), consume(b)]);
    expect(na + nb).toBe(200);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(200);
  });

  it('survives a broker restart: pauses, reconnects, delivers the rest, and does not resend what it settled meanwhile', async () => {
    const name = queueName();
    const q = queue({ queue: name });
    for (let i = 0; i < 20; i++) await q.enqueue(msg(i));
    const held = await receiveAll(q, 5);
    await rabbit.server.halt();
    while ((await q.health()).connected) await new Promise((r) => setTimeout(r, 20));
    // The SMSC answered these while the broker was down: acknowledged on reconnect or their copies dropped.
    await Promise.all(held.map((d) => d.ack()));
    const enqueuing = q.enqueue(msg(20));
    await rabbit.server.start();
    await enqueuing;
    const after = await receiveAll(q, 16, 20_000);
    const afterIds = after.map((d) => d.message.correlationId);
    expect(afterIds.filter((id) => held.some((h) => h.message.correlationId === id))).toEqual([]);
    expect(new Set([...held.map((d) => d.message.correlationId), ...afterIds]).size).toBe(21);
    await Promise.all(after.map((d) => d.ack()));
    expect((await q.health()).reconnects).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe('RabbitMqOutboundQueue.provider', () => {
  it('builds a Nest factory provider under NAZ_OUTBOUND_QUEUE', async () => {
    const provider = RabbitMqOutboundQueue.provider({
      inject: ['CONFIG'],
      useFactory: (url: string) => ({ url, queue: 'q1' }),
    });
    expect(provider.provide).toBe(NAZ_OUTBOUND_QUEUE);
    const built = (await provider.useFactory(undefined, rabbit.server.url)) as RabbitMqOutboundQueue;
    expect(built.queue).toBe('q1');
  });
});
