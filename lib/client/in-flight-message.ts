import type { QueueDelivery } from '../queue/outbound-queue.interface.js';
import type { ListLinks } from './intrusive-list.js';
import type { PartsOutcome, PartsReceiver } from './submit-parts.js';

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

/** Where an in-flight record reports its outcome: the send loop that dispatched it. */
export interface InFlightOwner {
  messageDone(record: InFlightMessage, outcome: PartsOutcome): void;
}

/**
 * A message handed to the session and not answered yet: the record of one attempt, the in-flight record once
 * submitted, and the receiver of its parts' outcome (so the send path needs no closure per message).
 *
 * @remarks
 * A class with every field set in the constructor, the list's links included, so every record has the same
 * shape (the send loop makes one per message, and an attempt is not copied into a second object). `parts`
 * is set once the PDUs are known.
 */
export class InFlightMessage implements DispatchAttempt, ListLinks<InFlightMessage>, PartsReceiver {
  /** Set once ack/nack was called: a late outcome is then ignored. */
  settled = false;
  parts = 0;
  /** {@link countedAttempt} of this attempt. */
  readonly attempt: number;
  /**
   * When a retry sends only some parts of a long message: the positions (in the whole message) of the parts
   * sent now, and the message ids of those accepted before.
   */
  resend: { indices: number[]; accepted: Array<string | undefined> } | undefined = undefined;
  prev: InFlightMessage | undefined = undefined;
  next: InFlightMessage | undefined = undefined;
  linked = false;

  constructor(
    private readonly owner: InFlightOwner,
    readonly delivery: QueueDelivery,
    /** Retries made here, without going back to the queue (throttled ones included). */
    readonly localRetries: number,
    /** Of `localRetries`, those after a throttle status (their own budget: retry.maxThrottledAttempts). */
    readonly throttledRetries: number,
    /** Arrival order: a held message goes out before those that came after it. */
    readonly order: number,
  ) {
    this.attempt = countedAttempt(this);
  }

  partsDone(outcome: PartsOutcome): void {
    this.owner.messageDone(this, outcome);
  }
}

/** The record of a message taken from the queue: no retries made here yet. */
export function firstAttempt(owner: InFlightOwner, delivery: QueueDelivery, order: number): InFlightMessage {
  return new InFlightMessage(owner, delivery, 0, 0, order);
}
