import { describe, expect, it } from '@jest/globals';
import { AckBatcher } from './ack-batcher.js';
import type { AmqpChannelLike, AmqpMessageLike } from './amqp-client.interface.js';

/**
 * The batching rule alone, on a channel that records what it is asked to send (the real broker's side is in
 * test/durable/rabbitmq-outbound-queue.e2e-spec.ts).
 */
function recordingChannel(sent: Array<[number, boolean]>, fail = false): AmqpChannelLike {
  return {
    ack: (message: AmqpMessageLike, allUpTo?: boolean) => {
      if (fail) throw new Error('Channel closed');
      sent.push([message.fields.deliveryTag, allUpTo ?? false]);
    },
  } as unknown as AmqpChannelLike;
}

function delivery(tag: number): AmqpMessageLike {
  return { content: Buffer.alloc(0), fields: { deliveryTag: tag, redelivered: false }, properties: {} };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AckBatcher', () => {
  it('acknowledges deliveries settled in order with one multiple ack at the end of the turn', async () => {
    const sent: Array<[number, boolean]> = [];
    const acks = new AckBatcher(recordingChannel(sent), () => undefined);
    const messages = [1, 2, 3, 4].map(delivery);
    messages.forEach((m, i) => acks.delivered(m, `k${i}`));
    messages.forEach((m) => acks.ack(m));
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[4, true]]);
  });

  it('never covers a delivery still in flight: settled ones behind it are acked singly', async () => {
    const sent: Array<[number, boolean]> = [];
    const acks = new AckBatcher(recordingChannel(sent), () => undefined);
    const messages = [1, 2, 3, 4, 5].map(delivery);
    messages.forEach((m, i) => acks.delivered(m, `k${i}`));
    for (const i of [0, 1, 3]) acks.ack(messages[i]!);
    await nextTurn();
    expect(sent).toEqual([
      [2, true],
      [4, false],
    ]);
    // 3 settles later: it is now the oldest, and 5 is still in flight.
    acks.ack(messages[2]!);
    await nextTurn();
    expect(sent.at(-1)).toEqual([3, true]);
  });

  it('leaves deliveries given back to the broker out of the next multiple ack', async () => {
    const sent: Array<[number, boolean]> = [];
    const acks = new AckBatcher(recordingChannel(sent), () => undefined);
    const messages = [1, 2, 3].map(delivery);
    messages.forEach((m, i) => acks.delivered(m, `k${i}`));
    acks.released(messages[0]!);
    acks.ack(messages[1]!);
    await nextTurn();
    expect(sent).toEqual([[2, true]]);
  });

  it('reports the keys of acks it could not send, and of every one settled after the channel is gone', async () => {
    const unsent: string[] = [];
    const acks = new AckBatcher(recordingChannel([], true), (keys) => unsent.push(...keys));
    const messages = [1, 2, 3].map(delivery);
    messages.forEach((m, i) => acks.delivered(m, `k${i}`));
    acks.ack(messages[0]!);
    await nextTurn();
    expect(unsent).toEqual(['k0']);
    acks.ack(messages[1]!);
    expect(unsent).toEqual(['k0', 'k1']);
  });

  it("reports every item's key of a pack whose ack could not be sent", async () => {
    const unsent: string[] = [];
    const acks = new AckBatcher(recordingChannel([], true), (keys) => unsent.push(...keys));
    const packKeys: string[] = [];
    const [single, pack] = [1, 2].map(delivery);
    acks.delivered(single!, 'k0');
    acks.delivered(pack!, packKeys);
    // A pack's keys fill as its items settle; it is acknowledged once the last one did.
    packKeys.push('p0', 'p1');
    acks.ack(single!);
    acks.ack(pack!);
    await nextTurn();
    expect(unsent).toEqual(['k0', 'p0', 'p1']);
  });

  it('hands back the settled, unsent keys when the link is abandoned', () => {
    const acks = new AckBatcher(recordingChannel([]), () => undefined);
    const messages = [1, 2].map(delivery);
    messages.forEach((m, i) => acks.delivered(m, `k${i}`));
    acks.ack(messages[1]!);
    expect(acks.abandon()).toEqual(['k1']);
  });
});
