import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { AmqpConnect } from './amqp-client.interface.js';

/** Options of `RabbitMqOutboundQueue`. Every replica uses the same `queue`. */
export interface RabbitMqOutboundQueueOptions {
  /** `amqp://user:password@host:5672/vhost` (`amqps://` for TLS) or amqplib connect options. The password is never logged. @default 'amqp://localhost' */
  url?: string | Record<string, unknown>;
  /** amqplib socket options (TLS certificates, timeouts). */
  socketOptions?: Record<string, unknown>;
  /** Opens the connection instead of amqplib's `connect`. */
  connect?: AmqpConnect;
  /** Durable queue of outbound messages. @default 'naz.outbound' */
  queue?: string;
  /** Durable queue of messages that failed for good (header `x-naz-reason`). @default `<queue>.dead` */
  deadLetterQueue?: string;
  /**
   * Also keep messages the SMSC refused for good (`ESME_RINVDSTADR`...) in the dead-letter queue, with the
   * rejection as the reason. Otherwise they are acknowledged: their `failed` event and log line are their
   * record. Messages that cannot be sent as they stand (invalid, unreadable) and those out of retries are
   * dead-lettered either way. @default false
   */
  deadLetterRejected?: boolean;
  /**
   * Prefix of the retry queues. A delayed retry waits in `<prefix><ms>` (TTL, then dead-lettered back to
   * `queue`); delays are rounded up to a power of two between 256 ms and about 1 h, so at most 15 such queues exist.
   * @default `<queue>.retry.`
   */
  retryQueuePrefix?: string;
  /**
   * Unacknowledged messages the broker sends this replica ahead. `'auto'` follows the client's window:
   * it grows to what the send loop asks for plus what it holds. @default 'auto'
   */
  prefetch?: number | 'auto';
  /**
   * Messages enqueued in one event-loop turn travel together, up to this many in one AMQP message (a pack,
   * AMQP `type` `naz.outbound.pack.v1`, docs/QUEUE-FORMAT.md). RabbitMQ's work (persisting, confirming,
   * delivering, acknowledging) is per AMQP message, so a producer that sends in bursts costs the broker once
   * per pack instead of once per message: several times the throughput on the same broker (bench/README.md).
   *
   * Every `enqueue` still resolves on the broker's confirm of the message holding it, and each item is
   * settled on its own (a retry or a dead letter is published alone); the pack is acknowledged when all its
   * items are. What changes: after a crash the broker delivers whole packs again (duplicates are bounded
   * by the packs held, not the messages), and the broker's counts (`size()`, `health().depth`, `maxLength`)
   * are estimated from the packs' average size. Every replica must read packs (every release after 0.1.0 does,
   * whatever this setting) before any of them turns it on. 1 publishes each message alone.
   * @default 1
   */
  packMessages?: number;
  /** Messages the queue may hold; `enqueue` beyond it throws `QueueFullError` (approximate across replicas; never drops). @default unbounded */
  maxLength?: number;
  /** Extra arguments of the main queue (`x-queue-type: 'quorum'`...). Every replica must use the same. */
  queueArguments?: Record<string, unknown>;
  /** Longest `enqueue` waits for the broker (connection down, confirm pending) before it rejects. @default 30000 */
  enqueueTimeoutMs?: number;
  /**
   * Prefetched messages go back to the broker (for other replicas) when the send loop has not asked for
   * any this long, e.g. while its SMSC session is down. @default 5000
   */
  releaseAfterMs?: number;
  /** Reconnection backoff. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  logger?: NazLogger;
}
