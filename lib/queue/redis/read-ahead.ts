import { withTimeout } from '../async-utils.js';

/**
 * How long what was read ahead stays here after the caller's signal aborted, for its next receive. The send
 * loop aborts its signal both when its session stops being bound (the messages should go to other replicas)
 * and when it holds a throttled message (it receives again at once): giving back at once would requeue a
 * window of messages, out of order, on every throttled response.
 */
const GIVE_BACK_AFTER_MS = 1_000;

/** What a `ReadAhead` needs from its queue. */
export interface ReadAheadSource<T> {
  /** Reads up to `limit` items (may wait for them, as a blocking read does). */
  read(limit: number): Promise<T[]>;
  /** Returns items read and never handed out (to the stream, so other consumers can take them). */
  giveBack(items: T[]): Promise<void>;
  /** Ends a read in progress early (the caller stopped waiting for it). */
  interrupt(): void;
  /** Whether the queue is closed: what a read returns then goes back. */
  closed(): boolean;
}

/**
 * Reads the next batch while the previous one is being sent, so a receive usually finds its messages already
 * here instead of waiting for a round trip to Redis (issue 13 §2.3): at window 100, the read and the SMSC's
 * answers travel at the same time instead of one after the other.
 *
 * @remarks
 * Items read ahead are pending to this consumer (so a killed process leaves them to be claimed, like those in
 * flight) and never handed out twice. When the caller's signal aborts (its session is no longer bound, or it
 * stops) and no receive follows within a second, what was read ahead goes back, and so does what the read in
 * flight still returns; `close()` gives everything back at once.
 */
export class ReadAhead<T> {
  private ready: T[] = [];
  private reading?: Promise<void>;
  private failure?: { error: unknown };
  private watched?: AbortSignal;
  /** Set when the caller stopped waiting: the read in flight gives back what it returns. */
  private abandoned = false;
  /** Gives back what waits here unless a receive comes first (see `GIVE_BACK_AFTER_MS`). */
  private giveBackTimer?: NodeJS.Timeout;

  constructor(private readonly source: ReadAheadSource<T>) {}

  /** How many items wait here. */
  get size(): number {
    return this.ready.length;
  }

  /** Up to `limit` items read earlier (none when nothing waits); starts the next read at once. */
  take(limit: number): T[] {
    if (this.ready.length === 0) return this.ready;
    const out = this.ready.length <= limit ? this.ready : this.ready.slice(0, limit);
    this.ready = out === this.ready ? [] : this.ready.slice(limit);
    this.start(limit);
    return out;
  }

  /** Starts one read of `limit` unless one is in flight or `limit` items already wait. */
  start(limit: number): void {
    if (this.reading !== undefined || this.source.closed() || this.ready.length >= limit) return;
    this.abandoned = false;
    this.reading = this.source
      .read(limit)
      .then(
        async (items) => {
          if (this.source.closed() || this.abandoned) return this.source.giveBack(items);
          for (const item of items) this.ready.push(item);
        },
        (error: unknown) => {
          this.failure = { error };
        },
      )
      .finally(() => (this.reading = undefined));
  }

  /** Waits until the read in flight ended, or `signal` aborted; throws what the read failed with. */
  async wait(signal: AbortSignal): Promise<void> {
    const reading = this.reading;
    if (reading !== undefined && !signal.aborted) {
      let onAbort = (): void => undefined;
      const aborted = new Promise<void>((resolve) => {
        onAbort = resolve;
        signal.addEventListener('abort', onAbort, { once: true });
      });
      await Promise.race([reading, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
    }
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
  }

  /**
   * Called by each receive with its signal: when `signal` aborts, the read in flight ends at once, and unless
   * another receive comes within `GIVE_BACK_AFTER_MS`, what was read ahead goes back to the stream. One
   * listener per signal: the send loop reuses one signal for many receives.
   */
  watch(signal: AbortSignal): void {
    clearTimeout(this.giveBackTimer);
    this.giveBackTimer = undefined;
    this.abandoned = false;
    if (signal === this.watched) return;
    this.watched = signal;
    const onAbort = (): void => {
      if (this.watched !== signal) return;
      if (this.reading !== undefined) this.source.interrupt();
      clearTimeout(this.giveBackTimer);
      this.giveBackTimer = setTimeout(() => {
        this.giveBackTimer = undefined;
        this.abandoned = true;
        void this.source.giveBack(this.drainReady());
      }, GIVE_BACK_AFTER_MS);
      this.giveBackTimer.unref();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  }

  /** On close (after `interrupt`): waits up to `timeoutMs` for the read in flight, then gives back everything. */
  async close(timeoutMs: number): Promise<void> {
    clearTimeout(this.giveBackTimer);
    if (this.reading) await withTimeout(this.reading, timeoutMs).catch(() => undefined);
    await this.source.giveBack(this.drainReady());
  }

  private drainReady(): T[] {
    const items = this.ready;
    this.ready = [];
    return items;
  }
}
