import type { QueueDelivery } from '../queue/outbound-queue.interface.js';
import type { ListLinks } from './intrusive-list.js';

/**
 * One attempt to send a message: the queue's delivery and where the message stands in the retries the send
 * loop made without giving it back to the queue.
 */
export interface DispatchAttempt {
  delivery: QueueDelivery;
  /** Retries made here, without going back to the queue (throttled ones included). */
  localRetries: number;
  /** Of `localRetries`, those after a throttle status: they have their own budget (retry.maxThrottledAttempts). */
  throttledRetries: number;
  /** Arrival order: a held message goes out before those that came after it. */
  order: number;
}

/**
 * The attempt number that counts toward `retry.maxAttempts`: the queue's deliveries of the message
 * (`delivery.attempt`) plus the retries made here, except those after a throttle status, which count
 * toward `retry.maxThrottledAttempts` instead.
 */
export function countedAttempt(attempt: DispatchAttempt): number {
  return attempt.delivery.attempt + attempt.localRetries - attempt.throttledRetries;
}

/** A message handed to the session and not answered yet. */
export interface InFlightMessage extends DispatchAttempt, ListLinks<InFlightMessage> {
  /** Set once ack/nack was called: a late outcome is then ignored. */
  settled: boolean;
  parts: number;
  /** {@link countedAttempt} of this attempt. */
  attempt: number;
  /**
   * When a retry sends only some parts of a long message: the positions (in the whole message) of the parts
   * sent now, and the message ids of those accepted before.
   */
  resend?: { indices: number[]; accepted: Array<string | undefined> } | undefined;
}

/**
 * The record of one attempt, the in-flight record once submitted: one object literal with every field, the
 * list's links included, so every record has the same shape (the send loop makes one per message, and an
 * attempt is not copied into a second object). `parts` is set once the PDUs are known.
 */
export function inFlightMessage(
  delivery: QueueDelivery,
  retries: Pick<DispatchAttempt, 'localRetries' | 'throttledRetries' | 'order'>,
): InFlightMessage {
  const record: InFlightMessage = {
    delivery,
    localRetries: retries.localRetries,
    throttledRetries: retries.throttledRetries,
    order: retries.order,
    settled: false,
    parts: 0,
    attempt: 0,
    resend: undefined,
    prev: undefined,
    next: undefined,
    linked: false,
  };
  record.attempt = countedAttempt(record);
  return record;
}

/** The record of a message taken from the queue: no retries made here yet. */
export function firstAttempt(delivery: QueueDelivery, order: number): InFlightMessage {
  return inFlightMessage(delivery, { localRetries: 0, throttledRetries: 0, order });
}
