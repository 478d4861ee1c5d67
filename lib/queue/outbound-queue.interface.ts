import type { OutboundMessage } from '../message/outbound-message.interface.js';

/** A message as stored in a queue: `correlationId` is always set by then. */
export type QueuedMessage = OutboundMessage & { correlationId: string };

/**
 * One message handed out by a queue to the send loop, held until it is acknowledged.
 *
 * @remarks
 * The client calls exactly one of `ack()` or `nack()` per delivery: `ack()` once the SMSC has answered
 * (accepted, or permanently rejected: either way the message is done; a rejection says why in
 * `ack({ rejectedReason })`), `nack({ requeue: true })` to retry it later, `nack({ requeue: false })` when it
 * failed for good without an SMSC verdict: it cannot be sent as it stands (invalid, undecodable) or it ran out
 * of retries. Queues keep such messages in a dead-letter store with the reason and the original payload.
 * A delivery never acknowledged (the process died) must come back to some consumer: that is the
 * at-least-once guarantee the durable adapters provide.
 */
export interface QueueDelivery {
  readonly message: QueuedMessage;
  /** 1 on the first delivery, incremented each time the message is requeued. */
  readonly attempt: number;
  /**
   * Set when the queue could not read the item as a message (not JSON, unknown format version, a field of the
   * wrong type, delivered `maxDeliveries` times without an answer): `message` then holds only its
   * `correlationId` (and an empty `to`). The client reports it `failed` with this error and dead-letters it
   * (`nack({ requeue: false })`) without sending it; any other consumer must do the same.
   */
  readonly unsendable?: Error;
  ack(options?: AckOptions): Promise<void>;
  nack(options: NackOptions): Promise<void>;
}

/** What the SMSC said about a message that is done. */
export interface AckOptions {
  /**
   * Why the SMSC refused the message for good (e.g. `submit_sm rejected: ESME_RINVDSTADR (0x0000000B)`);
   * absent when it was accepted. The message is done either way; a queue created with
   * `deadLetterRejected: true` also keeps it in its dead-letter store with this reason.
   */
  rejectedReason?: string;
}

/** How a message goes back to the queue. */
export interface NackOptions {
  /** true: deliver it again (after `delayMs`); false: it failed for good (dead-letter). */
  requeue: boolean;
  /** Delay before it may be delivered again. @default 0 */
  delayMs?: number;
  /** Why (a status name or error message), kept with dead-lettered messages. */
  reason?: string;
}

/**
 * The outbound queue policy (naz's "broker"): where `send()` puts messages and the send loop takes them.
 *
 * @remarks
 * Bind your own with the `NAZ_OUTBOUND_QUEUE` token. The in-memory default is bounded and throws
 * `QueueFullError` when full; `RedisOutboundQueue` and `RabbitMqOutboundQueue` survive process crashes.
 */
export interface OutboundQueue {
  /** Stores the message; resolves once it is safely queued (durable adapters: persisted/confirmed). */
  enqueue(message: QueuedMessage): Promise<void>;
  /**
   * Resolves with 1..`max` deliveries as soon as at least one is available, or with an empty array when
   * `signal` is aborted. Must not busy-loop while the queue is empty.
   */
  receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]>;
  /** Messages waiting (not counting those handed out and not yet acknowledged), when known. */
  size?(): Promise<number>;
  /**
   * Broker connection state and counters for health checks (`SmppHealthIndicator.isQueueHealthy`): `connected`
   * false reports the queue down. Never include credentials.
   */
  health?(): Promise<QueueHealth>;
  /** Releases connections; called when the client stops. */
  close?(): Promise<void>;
}

/** What a queue reports to health checks: at least whether its broker connection is up. */
export interface QueueHealth {
  connected: boolean;
  /** Messages waiting, when the broker answered. */
  depth?: number;
}
