/** What the client remembers about a submitted message part, keyed by the SMSC's message id. */
export interface CorrelationEntry {
  /** The SMSC's message_id, as normalised by the client's `normalizeMessageId`. */
  messageId: string;
  correlationId: string;
  metadata?: Record<string, unknown>;
  /** 0-based part index and part count, for long messages. */
  partIndex: number;
  partCount: number;
  /** Epoch milliseconds of the submit_sm_resp. */
  submittedAt: number;
}

/**
 * The correlation policy: ties a delivery receipt back to the caller's correlationId.
 *
 * @remarks
 * Receipts can arrive hours later, so entries live for a TTL (default 24 h) and the store is bounded.
 * The in-memory default suits one process; `RedisCorrelator` lets a receipt arriving on any replica find the
 * message another replica sent. Bind your own with `NAZ_CORRELATOR`.
 */
export interface Correlator {
  put(entry: CorrelationEntry): void | Promise<void>;
  /** The entry for a (normalised) message id, or undefined when unknown or expired. */
  get(messageId: string): CorrelationEntry | undefined | Promise<CorrelationEntry | undefined>;
  delete?(messageId: string): void | Promise<void>;
  close?(): Promise<void>;
}
