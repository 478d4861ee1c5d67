import { toError } from '../errors/to-error.js';
import type { CorrelationEntry, CorrelationWatch, Correlator } from './correlator.interface.js';

/** Why held receipts left the hold without their entry. */
export type EarlyReceiptRelease = 'expired' | 'overflow' | 'stopped';

/** One receipt that left the hold, with how long it waited. */
export interface HeldReceipt<T> {
  messageId: string;
  item: T;
  heldMs: number;
}

/** Options of {@link EarlyReceiptHold}. */
export interface EarlyReceiptHoldOptions<T> {
  /** Where entries are stored; its `watch` (if any) tells of ids stored by other processes. */
  correlator: Correlator;
  /** How long a receipt waits for its message id. Must be > 0. */
  holdMs: number;
  /** Most receipts held at once; beyond it the oldest leaves uncorrelated ('overflow'). Must be ≥ 1. */
  maxHeld: number;
  /** A held receipt whose entry became known. */
  onCorrelated(held: HeldReceipt<T>, entry: CorrelationEntry): void;
  /** Held receipts that leave without an entry, in arrival order, one call per batch. */
  onUncorrelated(released: Array<HeldReceipt<T>>, reason: EarlyReceiptRelease): void;
  /** A correlator call failed (the receipt stays held until its entry comes or the hold runs out). */
  onError(message: string, error: Error): void;
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
}

interface Slot<T> {
  readonly messageId: string;
  readonly item: T;
  readonly since: number;
  readonly expiresAt: number;
  /** True once it left the hold (correlated or released): the FIFO skips it. */
  done: boolean;
}

/**
 * Delivery receipts that arrived before the submit_sm_resp naming their message id, held (bounded in time and
 * count) until that id is stored.
 *
 * @remarks
 * An SMSC may send the deliver_sm receipt before the submit_sm_resp: a slow response path, or a receipt from
 * another node of the SMSC. The receipt's deliver_sm_resp has already gone out (the SMSC is never held up);
 * the receipt waits here. It leaves correlated the moment its id is stored:
 * - by this process: the client calls {@link resolve} right after its `correlator.put`;
 * - by another process: through `correlator.watch` (`RedisCorrelator` parks a marker in Redis that the storing
 *   replica's `put` finds, and publishes the entry to this replica alone).
 *
 * Bounds: every receipt leaves after `holdMs` at the latest, and at most `maxHeld` wait; beyond that the oldest
 * leaves first. Before a receipt leaves uncorrelated the correlator is asked once more, which also covers a
 * lost notification (a Redis subscriber that reconnected, a correlator without `watch`).
 *
 * All receipts share one `holdMs`, so arrival order is expiry order: one FIFO and one timer (for the head)
 * serve any number of held receipts, with O(1) work per receipt.
 */
export class EarlyReceiptHold<T> {
  private readonly byId = new Map<string, Array<Slot<T>>>();
  private readonly watches = new Map<string, CorrelationWatch>();
  private fifo: Array<Slot<T> | undefined> = [];
  private head = 0;
  private live = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: EarlyReceiptHoldOptions<T>) {
    if (!(options.holdMs > 0)) throw new RangeError(`holdMs must be > 0, got ${String(options.holdMs)}`);
    if (!(Number.isInteger(options.maxHeld) && options.maxHeld >= 1)) {
      throw new RangeError(`maxHeld must be an integer ≥ 1, got ${String(options.maxHeld)}`);
    }
    this.now = options.now ?? Date.now;
  }

  /** Receipts waiting now. */
  get size(): number {
    return this.live;
  }

  /**
   * Holds a receipt whose message id the correlator did not know. Call it only after a `get` missed: the
   * hold asks the correlator again itself (through `watch`, or a second `get`) to close the gap between that
   * miss and this call.
   */
  hold(messageId: string, item: T): void {
    const now = this.now();
    const slot: Slot<T> = { messageId, item, since: now, expiresAt: now + this.options.holdMs, done: false };
    if (this.closed) {
      void this.release([slot], 'stopped');
      return;
    }
    const list = this.byId.get(messageId);
    if (list === undefined) this.byId.set(messageId, [slot]);
    else list.push(slot);
    this.fifo.push(slot);
    this.live++;
    if (this.live > this.options.maxHeld) this.evictOldest();
    this.arm();
    if (list === undefined) this.watch(messageId);
  }

  /** The entry of `entry.messageId` is stored: every receipt held for it leaves correlated. */
  resolve(entry: CorrelationEntry): void {
    const list = this.byId.get(entry.messageId);
    if (list === undefined) return;
    this.forgetId(entry.messageId);
    const now = this.now();
    for (const slot of list) {
      if (slot.done) continue;
      slot.done = true;
      this.live--;
      this.options.onCorrelated(
        { messageId: slot.messageId, item: slot.item, heldMs: now - slot.since },
        entry,
      );
    }
    this.compact();
  }

  /**
   * Releases every receipt still held (after one last look in the correlator) and stops the timer; later
   * `hold` calls release at once. Call it when the client stops, after in-flight responses are in.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const all: Array<Slot<T>> = [];
    for (let i = this.head; i < this.fifo.length; i++) {
      const slot = this.fifo[i];
      if (slot !== undefined && !slot.done) {
        slot.done = true;
        all.push(slot);
      }
    }
    this.live = 0;
    this.fifo = [];
    this.head = 0;
    for (const messageId of [...this.byId.keys()]) this.forgetId(messageId);
    await this.release(all, 'stopped');
  }

  private watch(messageId: string): void {
    const { correlator } = this.options;
    const found = (entry: CorrelationEntry | undefined): void => {
      if (entry !== undefined) this.resolve(entry);
    };
    try {
      if (correlator.watch === undefined) {
        // No watch: one more look closes the gap between the caller's miss and this hold.
        const entry = correlator.get(messageId);
        if (isPromiseLike(entry)) entry.then(found, (error: unknown) => this.failed('get', error));
        else found(entry);
        return;
      }
      const watched = correlator.watch(messageId, this.options.holdMs, (entry) => this.resolve(entry));
      const started = (watch: CorrelationWatch): void => {
        if (watch.entry !== undefined) {
          this.resolve(watch.entry);
        } else if (this.byId.has(messageId)) {
          this.watches.set(messageId, watch);
        } else {
          watch.cancel(); // the receipts left while the watch was being set up
        }
      };
      if (isPromiseLike(watched)) watched.then(started, (error: unknown) => this.failed('watch', error));
      else started(watched);
    } catch (error) {
      this.failed(correlator.watch === undefined ? 'get' : 'watch', error);
    }
  }

  private failed(call: string, error: unknown): void {
    this.options.onError(
      `correlator.${call} failed for an early receipt; it stays held until its message id is stored or the hold runs out`,
      toError(error),
    );
  }

  private forgetId(messageId: string): void {
    this.byId.delete(messageId);
    const watch = this.watches.get(messageId);
    if (watch === undefined) return;
    this.watches.delete(messageId);
    try {
      watch.cancel();
    } catch (error) {
      this.failed('watch cancel', error);
    }
  }

  /** Takes a slot out of the hold (its id's other receipts stay). */
  private take(slot: Slot<T>): void {
    slot.done = true;
    this.live--;
    const list = this.byId.get(slot.messageId);
    if (list === undefined) return;
    const rest = list.filter((s) => !s.done);
    if (rest.length === 0) this.forgetId(slot.messageId);
    else this.byId.set(slot.messageId, rest);
  }

  private evictOldest(): void {
    while (this.head < this.fifo.length) {
      const slot = this.fifo[this.head];
      if (slot !== undefined && !slot.done) {
        this.take(slot);
        void this.release([slot], 'overflow');
        break;
      }
      this.fifo[this.head++] = undefined;
    }
    this.compact();
  }

  /** Arms the timer for the oldest held receipt (one timer for all of them). */
  private arm(): void {
    if (this.closed) return;
    while (this.head < this.fifo.length && (this.fifo[this.head]?.done ?? true))
      this.fifo[this.head++] = undefined;
    const first = this.fifo[this.head];
    if (first === undefined) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.compact();
      return;
    }
    if (this.timer !== undefined && this.timerAt <= first.expiresAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = first.expiresAt;
    this.timer = setTimeout(() => this.expire(), Math.max(0, first.expiresAt - this.now()));
    // Held receipts must not keep a process alive on their own; `close()` releases them on a clean stop.
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    const now = this.now();
    const due: Array<Slot<T>> = [];
    while (this.head < this.fifo.length) {
      const slot = this.fifo[this.head];
      if (slot !== undefined && !slot.done) {
        if (slot.expiresAt > now) break;
        this.take(slot);
        due.push(slot);
      }
      this.fifo[this.head++] = undefined;
    }
    this.arm();
    if (due.length > 0) void this.release(due, 'expired');
  }

  /** One last look in the correlator for each slot, then out: correlated if found, else uncorrelated. */
  private async release(slots: Array<Slot<T>>, reason: EarlyReceiptRelease): Promise<void> {
    if (slots.length === 0) return;
    const entries = await Promise.all(slots.map((slot) => this.lastLook(slot.messageId)));
    const now = this.now();
    const uncorrelated: Array<HeldReceipt<T>> = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const held = { messageId: slot.messageId, item: slot.item, heldMs: now - slot.since };
      const entry = entries[i];
      if (entry !== undefined) this.options.onCorrelated(held, entry);
      else uncorrelated.push(held);
    }
    if (uncorrelated.length > 0) this.options.onUncorrelated(uncorrelated, reason);
  }

  private async lastLook(messageId: string): Promise<CorrelationEntry | undefined> {
    try {
      return await this.options.correlator.get(messageId);
    } catch (error) {
      this.failed('get', error);
      return undefined;
    }
  }

  /** Drops the consumed front of the FIFO once it is most of the array. */
  private compact(): void {
    if (this.head === this.fifo.length) {
      this.fifo = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
