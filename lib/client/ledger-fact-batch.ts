import { copyLastUuid } from '../correlation/fast-random-uuid.js';

/** The kinds of fact a {@link LedgerFactBatch} holds (a plain object, not a `const enum`: specs compile each file alone). */
export const BatchedFact = {
  Queued: 1,
  Submit: 2,
  Submitted: 3,
  Receipt: 4,
} as const;
export type BatchedFact = (typeof BatchedFact)[keyof typeof BatchedFact];

/** 32-bit words of a UUID's 36 Latin-1 bytes. */
export const UUID_WORDS = 9;

/** Facts a batch holds before it is written at once, whatever the turn (a producer's burst of `send()` calls). */
export const BATCH_CAPACITY = 4096;

/**
 * The ledger facts one client recorded in the current event-loop turn, held as references until they are
 * written together (see `ClientLedgerRecorder`).
 *
 * @remarks
 * A fact costs the send path a few stores here; the ledger's own work (its cells, the copied strings) runs in
 * one loop at the end of the turn instead of inside the send path's functions. One thing cannot wait: a queued
 * message's id is copied as nine words while it is still the one `fastRandomUuid()` made last, since later it
 * would have to be read character by character (bench/README.md, "Message ledger", ninth pass).
 *
 * The reference columns are new arrays for each batch: a young array holding young objects costs the
 * collector no remembered-set entries, where one array kept for good would be old after its first collection.
 */
export class LedgerFactBatch {
  /** Facts held. */
  count = 0;
  /** When the batch's facts were recorded: the turn's time, read at its first fact. */
  at = 0;
  readonly kind = new Uint8Array(BATCH_CAPACITY);
  /** A `submitted` fact's attempt. */
  readonly attempt = new Int32Array(BATCH_CAPACITY);
  /** 1 when `idWords` holds a `queued` fact's id. */
  readonly idCopied = new Uint8Array(BATCH_CAPACITY);
  /** Fact k's id from word `k * UUID_WORDS` on. */
  readonly idWords = new Int32Array(BATCH_CAPACITY * UUID_WORDS);
  /** The queued message, the part's owner or the correlation entry each fact is about. */
  subject: unknown[] = [];
  /** The submit_sm (submit), the message ids (submitted) or the receipt. */
  detail: unknown[] = [];

  /** Adds a fact; returns how many the batch now holds. */
  add(kind: BatchedFact, subject: object, detail: unknown, attempt: number): number {
    const k = this.count;
    this.kind[k] = kind;
    this.attempt[k] = attempt;
    this.subject[k] = subject;
    this.detail[k] = detail;
    return (this.count = k + 1);
  }

  /** Adds a `queued` fact, copying its id's bytes now if it is the UUID generator's last. */
  addQueued(message: { correlationId: string }): number {
    const k = this.count;
    this.idCopied[k] = copyLastUuid(message.correlationId, this.idWords, k * UUID_WORDS) ? 1 : 0;
    return this.add(BatchedFact.Queued, message, undefined, 0);
  }

  /** Empties the batch (the caller has taken `subject` and `detail`): new reference columns for the next one. */
  clear(): void {
    this.count = 0;
    this.subject = [];
    this.detail = [];
  }
}
