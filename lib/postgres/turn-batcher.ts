import { toError } from '../errors/to-error.js';

/** How a {@link TurnBatcher} treats a batch whose write failed. */
export type BatchFailurePolicy =
  /** Every caller of the batch gets the error (the write did not happen: e.g. an enqueue the caller must retry). */
  | 'reject'
  /**
   * The batch is written again with backoff (100 ms doubling to 5 s) until it works or the batcher is closed:
   * for idempotent writes (deleting acknowledged rows, appending to a log) where giving up would lose or repeat work.
   */
  | 'retry';

interface Batch<T> {
  items: T[];
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Options of {@link TurnBatcher}. */
export interface TurnBatcherOptions<T> {
  /** Writes one batch (one statement or transaction, one round trip). */
  write(items: T[]): Promise<void>;
  onFailure: BatchFailurePolicy;
  /** Most items in one write; more go to the next batch. @default 1000 */
  maxBatch?: number;
  /** Told about each failed write (for a log line and a counter). */
  onError?(error: Error, items: number): void;
  /** Told when a write succeeds after failures (the outage is over). */
  onRecovered?(): void;
}

/**
 * Collects the writes requested during one event-loop turn and sends them as one statement; while that statement
 * runs, the next batch fills. One write is in flight at a time and batches keep their order, so a burst of N
 * requests costs about N / batch round trips instead of N.
 *
 * @remarks
 * Every request of a batch shares one promise, so a request costs an array slot, not a promise of its own (this
 * runs once per message on the send path).
 */
export class TurnBatcher<T> {
  /** Batches not written yet, oldest first; only the last one takes new items. */
  private readonly waiting: Array<Batch<T>> = [];
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;
  private failing = false;
  private readonly maxBatch: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryWake: (() => void) | undefined;

  constructor(private readonly options: TurnBatcherOptions<T>) {
    this.maxBatch = options.maxBatch ?? 1000;
  }

  /** Items not written yet. */
  get pending(): number {
    let n = 0;
    for (const batch of this.waiting) n += batch.items.length;
    return n;
  }

  /** Adds an item; resolves once the batch holding it is written (rejects as the failure policy says). */
  add(item: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('batcher is closed'));
    let last = this.waiting[this.waiting.length - 1];
    // The head batch may be in the middle of its write: new items never join it.
    if (
      last === undefined ||
      last.items.length >= this.maxBatch ||
      (this.writing && this.waiting.length === 1)
    ) {
      last = newBatch<T>();
      this.waiting.push(last);
    }
    last.items.push(item);
    this.schedule();
    return last.promise;
  }

  /**
   * Takes the items not being written yet, for a caller that writes them itself within a statement of its own
   * (one round trip instead of two). The caller must call `written()` once that statement committed (their
   * callers' promises resolve) or `failed()` (they go back, ahead of newer items, and are written as usual).
   */
  take(): { items: T[]; written(): void; failed(): void } | undefined {
    // During an outage the batcher's own retries go first (they keep the order and the backoff).
    if (this.closed || this.failing) return undefined;
    const from = this.writing ? 1 : 0;
    if (this.waiting.length <= from) return undefined;
    const taken = this.waiting.splice(from);
    const items = taken.length === 1 ? taken[0]!.items : taken.flatMap((batch) => batch.items);
    return {
      items,
      written: () => {
        for (const batch of taken) batch.resolve();
      },
      failed: () => {
        if (this.closed) {
          for (const batch of taken) batch.reject(new Error('batcher is closed'));
          return;
        }
        this.waiting.splice(this.writing ? 1 : 0, 0, ...taken);
        this.schedule();
      },
    };
  }

  /** Resolves once everything added so far was written, or failed for good. Never rejects. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 && !this.closed) {
      this.schedule();
      const last = this.waiting[this.waiting.length - 1]!;
      await last.promise.catch(() => undefined);
    }
  }

  /** Stops retrying: one last try of what waits, then every remaining caller is rejected. Never rejects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryWake?.();
    await this.writing;
    while (this.waiting.length > 0) {
      const batch = this.waiting.shift()!;
      try {
        await this.options.write(batch.items);
        batch.resolve();
      } catch (error) {
        batch.reject(toError(error));
      }
    }
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing && this.waiting.length > 0 && !this.closed)
        this.writing = this.loop().finally(() => (this.writing = undefined));
    });
  }

  /** Writes batch after batch, oldest first, until nothing waits. */
  private async loop(): Promise<void> {
    let backoffMs = 100;
    while (this.waiting.length > 0 && !this.closed) {
      const batch = this.waiting[0]!;
      try {
        await this.options.write(batch.items);
        this.waiting.shift();
        batch.resolve();
        backoffMs = 100;
        if (this.failing) {
          this.failing = false;
          this.options.onRecovered?.();
        }
      } catch (error) {
        const failure = toError(error);
        this.failing = true;
        this.options.onError?.(failure, batch.items.length);
        if (this.options.onFailure === 'reject') {
          this.waiting.shift();
          batch.reject(failure);
          continue;
        }
        await this.pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.retryWake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
      this.retryTimer.unref();
    });
  }
}

function newBatch<T>(): Batch<T> {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A caller that drops its promise must not turn a failed write into an unhandled rejection (which ends the
  // process): the failure is reported through onError either way.
  promise.catch(() => undefined);
  return { items: [], promise, resolve, reject };
}
