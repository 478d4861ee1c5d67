import { describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import type { QueueDelivery } from '../../lib/queue/outbound-queue.interface.js';
import { REASON_HEADER, RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import type { AmqpConnect, AmqpConnectionLike } from '../../lib/queue/rabbitmq/amqp-client.interface.js';
import type { RabbitMqOutboundQueueOptions } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue-options.interface.js';
import { ITEM_TYPE, PACK_TYPE } from '../../lib/queue/rabbitmq/rabbitmq-pack.js';
import { msg, receiveAll } from './support/queue-test-helpers.js';
import { useRabbitMqFixture } from './support/rabbitmq-fixture.js';

const rabbit = useRabbitMqFixture('packs');
const { queueName } = rabbit;
const queue = (options?: RabbitMqOutboundQueueOptions): RabbitMqOutboundQueue => rabbit.queue(options);

/** Enqueues `count` messages in one turn (a burst), from `from` on. */
function burst(q: RabbitMqOutboundQueue, count: number, from = 0): Promise<void[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => q.enqueue(msg(from + i))));
}

async function readyCount(name: string): Promise<number> {
  return (await rabbit.channel.checkQueue(name)).messageCount;
}

/** Takes every message of a queue off the broker, as a producer in another language would see them. */
async function drain(name: string, atLeast = 0): Promise<amqp.GetMessage[]> {
  const messages: amqp.GetMessage[] = [];
  const deadline = Date.now() + 5_000;
  for (;;) {
    const m = await rabbit.channel.get(name, { noAck: true });
    if (m !== false) messages.push(m);
    else if (messages.length >= atLeast || Date.now() > deadline) return messages;
    else await new Promise((r) => setTimeout(r, 20));
  }
}

const ids = (deliveries: QueueDelivery[]): string[] => deliveries.map((d) => d.message.correlationId);

describe('RabbitMqOutboundQueue packMessages: publishing', () => {
  it('publishes a burst as packs of at most packMessages items, and a lone message in the one-item format', async () => {
    const name = queueName();
    const q = queue({ queue: name, packMessages: 20 });
    await burst(q, 50);
    expect(await readyCount(name)).toBe(3);
    await q.enqueue(msg(50));
    const messages = await drain(name, 4);
    expect(messages.map((m) => m.properties.type)).toEqual([PACK_TYPE, PACK_TYPE, PACK_TYPE, ITEM_TYPE]);
    expect(messages.every((m) => m.properties.deliveryMode === 2)).toBe(true);
    const sizes = messages.slice(0, 3).map((m) => (JSON.parse(m.content.toString()) as unknown[]).length);
    expect(sizes).toEqual([20, 20, 10]);
    const lone = JSON.parse(messages[3]!.content.toString()) as { correlationId: string; v: number };
    expect(lone).toMatchObject({ v: 1, correlationId: 'c50' });
    expect(messages[3]!.properties.messageId).toBe('c50');
  });

  it('rejects a packMessages that is not a positive integer', () => {
    expect(() => new RabbitMqOutboundQueue({ packMessages: 0 })).toThrow(/packMessages must be > 0/);
    expect(() => new RabbitMqOutboundQueue({ packMessages: 2.5 })).toThrow(/packMessages must be an integer/);
  });
});

describe('RabbitMqOutboundQueue packMessages: consuming', () => {
  it('hands out a pack item by item, in order, and acknowledges it once every item is settled', async () => {
    const name = queueName();
    const producer = queue({ queue: name, packMessages: 100 });
    await burst(producer, 10);
    expect(await readyCount(name)).toBe(1);
    const first = queue({ queue: name });
    const got = await receiveAll(first, 10);
    expect(ids(got)).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    // One pack of ten seen: the running average moved from 1 toward 10.
    expect((await first.health()).itemsPerMessage).toBeGreaterThan(1);
    expect(got.every((d) => d.attempt === 1)).toBe(true);
    // Nine of ten settled: the pack is not acknowledged, so closing gives all of it back.
    await Promise.all(got.slice(0, 9).map((d) => d.ack()));
    await first.close();
    expect(await readyCount(name)).toBe(1);
    const second = queue({ queue: name });
    const again = await receiveAll(second, 10);
    expect(ids(again)).toEqual(ids(got));
    await Promise.all(again.map((d) => d.ack()));
    await second.close();
    expect(await readyCount(name)).toBe(0);
  });

  it('retries and dead-letters one item alone, and acknowledges the pack when the rest are settled', async () => {
    const name = queueName();
    const producer = queue({ queue: name, packMessages: 100 });
    await burst(producer, 3);
    const q = queue({ queue: name });
    const [retried, dead, sent] = await receiveAll(q, 3);
    await retried!.nack({ requeue: true, delayMs: 0 });
    await dead!.nack({ requeue: false, reason: 'invalid destination' });
    await sent!.ack();
    const [retry] = await receiveAll(q, 1);
    expect(retry!.message.correlationId).toBe('c0');
    expect(retry!.attempt).toBe(2);
    await retry!.ack();
    const [letter] = await drain(`${name}.dead`, 1);
    expect(letter!.properties.type).toBe(ITEM_TYPE);
    expect(letter!.properties.headers?.[REASON_HEADER]).toBe('invalid destination');
    expect(JSON.parse(letter!.content.toString())).toMatchObject({
      v: 1,
      correlationId: 'c1',
      to: '254700000000',
    });
    await q.close();
    expect(await readyCount(name)).toBe(0);
  });

  it('reads packs written by hand: an unreadable item is failed and dead-lettered alone, an unreadable pack whole', async () => {
    const name = queueName();
    const q = queue({ queue: name });
    await q.connect();
    const items = [
      { v: 1, correlationId: 'good', to: '254700000001', text: 'fine' },
      { v: 1, correlationId: 'no-to', text: 'where to?' },
      { v: 1, to: '254700000002', text: 'no id' },
    ];
    const pack = { persistent: true, type: PACK_TYPE, messageId: 'handmade' };
    rabbit.channel.sendToQueue(name, Buffer.from(JSON.stringify(items)), pack);
    rabbit.channel.sendToQueue(name, Buffer.from('[not json'), { ...pack, messageId: 'broken' });
    const got = await receiveAll(q, 4);
    expect(got.map((d) => [d.message.correlationId, d.unsendable !== undefined])).toEqual([
      ['good', false],
      ['no-to', true],
      // An item without a correlation id is named by the pack's message_id and its place in it.
      ['handmade/2', false],
      ['broken', true],
    ]);
    expect(got[1]!.unsendable?.message).toMatch(/to/);
    await Promise.all(
      got.map((d) => (d.unsendable ? d.nack({ requeue: false, reason: 'unreadable' }) : d.ack())),
    );
    const letters = await drain(`${name}.dead`, 2);
    expect(letters.map((m) => m.content.toString()).sort()).toEqual(
      [JSON.stringify(items[1]), '[not json'].sort(),
    );
    await q.close();
    expect(await readyCount(name)).toBe(0);
  });

  it('gives a pack no item of which was handed out back to the broker when the send loop stops asking', async () => {
    const name = queueName();
    const producer = queue({ queue: name, packMessages: 100 });
    await burst(producer, 5, 0);
    await burst(producer, 5, 5);
    expect(await readyCount(name)).toBe(2);
    const stalled = queue({ queue: name, releaseAfterMs: 200 });
    const [first] = await stalled.receive(1, AbortSignal.timeout(2_000));
    expect(first!.message.correlationId).toBe('c0');
    // The untouched pack goes back to the broker for another replica; the other one's items wait here.
    const other = queue({ queue: name });
    const released = await receiveAll(other, 5, 5_000);
    expect(ids(released)).toEqual(['c5', 'c6', 'c7', 'c8', 'c9']);
    await Promise.all(released.map((d) => d.ack()));
    const kept = await receiveAll(stalled, 4);
    expect(ids(kept)).toEqual(['c1', 'c2', 'c3', 'c4']);
    await Promise.all([first!, ...kept].map((d) => d.ack()));
    await Promise.all([stalled.close(), other.close()]);
    expect(await readyCount(name)).toBe(0);
  });

  it('does not send again the items it settled when the connection dropped before the pack was acknowledged', async () => {
    const name = queueName();
    const producer = queue({ queue: name, packMessages: 100 });
    await burst(producer, 10);
    const models: amqp.ChannelModel[] = [];
    const connect: AmqpConnect = async (url, socketOptions) => {
      const model = await amqp.connect(url as string, socketOptions);
      models.push(model);
      return model as unknown as AmqpConnectionLike;
    };
    const q = queue({ queue: name, connect });
    const held = await receiveAll(q, 10);
    await Promise.all(held.slice(0, 6).map((d) => d.ack()));
    // The socket drops: the broker requeues the pack, unacknowledged.
    const socket = (models[0]!.connection as unknown as { stream: { destroy(error: Error): void } }).stream;
    socket.destroy(new Error('the network dropped'));
    const again = await receiveAll(q, 4, 10_000);
    expect(ids(again)).toEqual(['c6', 'c7', 'c8', 'c9']);
    expect((await q.receive(10, AbortSignal.timeout(300))).length).toBe(0);
    // The old copies settle too (remembered, as their channel is gone); the new ones acknowledge the pack.
    await Promise.all([...held.slice(6), ...again].map((d) => d.ack()));
    expect((await q.health()).reconnects).toBeGreaterThanOrEqual(1);
    await q.close();
    expect(await readyCount(name)).toBe(0);
  }, 30_000);
});
