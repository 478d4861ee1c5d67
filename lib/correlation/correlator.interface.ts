import type { MessageTraceContext } from '../message/message-trace-context.interface.js';

/** What the client remembers about a submitted message part, keyed by the SMSC's message id. */
export interface CorrelationEntry {
  /** The SMSC's message_id, as normalised by the client's `normalizeMessageId`. */
  messageId: string;
  correlationId: string;
  metadata?: Record<string, unknown>;
  /** The message's W3C trace context, so that its receipt, on any replica, joins its trace. */
  trace?: MessageTraceContext;
  /** 0-based part index and part count, for long messages. */
  partIndex: number;
  partCount: number;
  /** Epoch milliseconds of the submit_sm_resp. */
  submittedAt: number;
}

/**
 * What {@link Correlator.watch} answers: the entry when it is already stored (nothing is watched then), else a
 * way to stop watching.
 */
export interface CorrelationWatch {
  /** The entry, when the message id was already known: `onStored` will not be called. */
  entry?: CorrelationEntry;
  /** Stops watching (best effort: a watch also ends by itself after its `holdMs`). */
  cancel(): void;
}

/**
 * The correlation policy: ties a delivery receipt back to the caller's correlationId.
 *
 * @remarks
 * Receipts can arrive hours later, so entries live for a TTL (default 24 h) and the store is bounded.
 * The in-memory default suits one process; `RedisCorrelator` lets a receipt arriving on any replica find the
 * message another replica sent. Bind your own with `NAZ_CORRELATOR`.
 *
 * A receipt can also arrive before the submit_sm_resp that names its message id (a slow SMSC, or a receipt sent
 * from another SMSC node). The client then holds it (`correlation.earlyReceiptHoldMs`) and correlates it the
 * moment the id is stored: by this process it knows at once; by another process only through `watch`. A
 * correlator shared between processes should implement `watch`; without it, a receipt whose message another
 * replica sent is correlated only if that replica stored the id before the hold ran out (one last `get`).
 */
export interface Correlator {
  put(entry: CorrelationEntry): void | Promise<void>;
  /** The entry for a (normalised) message id, or undefined when unknown or expired. */
  get(messageId: string): CorrelationEntry | undefined | Promise<CorrelationEntry | undefined>;
  delete?(messageId: string): void | Promise<void>;
  /**
   * Watches for a message id not stored yet: answers the entry if it is already there (atomically with
   * starting the watch, so no `put` falls between the two), else calls `onStored` once when any process
   * stores it within `holdMs`. Optional; implement it when the store is shared between processes.
   */
  watch?(
    messageId: string,
    holdMs: number,
    onStored: (entry: CorrelationEntry) => void,
  ): CorrelationWatch | Promise<CorrelationWatch>;
  close?(): Promise<void>;
}
