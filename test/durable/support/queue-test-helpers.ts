import type {
  OutboundQueue,
  QueueDelivery,
  QueuedMessage,
} from '../../../lib/queue/outbound-queue.interface.js';

/** Message `i` of a test: correlation id `c<i>`, text `message <i>`. */
export function msg(i: number, extra: Partial<QueuedMessage> = {}): QueuedMessage {
  return { correlationId: `c${i}`, to: '254700000000', text: `message ${i}`, ...extra };
}

/** Receives until `count` deliveries arrived or `ms` passed. */
export async function receiveAll(q: OutboundQueue, count: number, ms = 5_000): Promise<QueueDelivery[]> {
  const got: QueueDelivery[] = [];
  const deadline = Date.now() + ms;
  while (got.length < count && Date.now() < deadline) {
    got.push(
      ...(await q.receive(count - got.length, AbortSignal.timeout(Math.max(1, deadline - Date.now())))),
    );
  }
  return got;
}
