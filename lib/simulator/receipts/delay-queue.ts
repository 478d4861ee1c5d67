/**
 * Runs items after a delay with one timer per time slot instead of one per item.
 *
 * @remarks
 * At 100k receipts per second a timer per message would cost more than the messages. Items are grouped into
 * slots of `resolutionMs`; each slot has one timer and hands all its items to `onDue` in one call, which lets
 * the caller batch the resulting writes. A delay of 0 runs on the next `setImmediate`, also batched.
 */
export class DelayQueue<T> {
  private readonly slots = new Map<number, { items: T[]; timer: NodeJS.Timeout }>();
  private immediate: T[] = [];
  private immediateHandle: NodeJS.Immediate | undefined;
  private pending = 0;

  /**
   * @param onDue - receives every item whose time has come, in insertion order within a slot.
   * @param resolutionMs - slot width: items may run up to this much later than asked. @default 5
   */
  constructor(
    private readonly onDue: (items: T[]) => void,
    private readonly resolutionMs = 5,
  ) {}

  /** Items waiting. */
  get size(): number {
    return this.pending;
  }

  /** Schedules `item` to run after `delayMs` (rounded up to the slot). */
  add(item: T, delayMs: number, now: number = Date.now()): void {
    this.pending++;
    if (delayMs <= 0) {
      this.immediate.push(item);
      this.immediateHandle ??= setImmediate(() => this.runImmediate());
      return;
    }
    const slot = Math.ceil((now + delayMs) / this.resolutionMs);
    const existing = this.slots.get(slot);
    if (existing !== undefined) {
      existing.items.push(item);
      return;
    }
    const timer = setTimeout(() => this.runSlot(slot), slot * this.resolutionMs - now);
    this.slots.set(slot, { items: [item], timer });
  }

  /** Cancels everything waiting. */
  clear(): void {
    for (const { timer } of this.slots.values()) clearTimeout(timer);
    this.slots.clear();
    if (this.immediateHandle !== undefined) clearImmediate(this.immediateHandle);
    this.immediateHandle = undefined;
    this.immediate = [];
    this.pending = 0;
  }

  private runImmediate(): void {
    const items = this.immediate;
    this.immediate = [];
    this.immediateHandle = undefined;
    this.pending -= items.length;
    this.onDue(items);
  }

  private runSlot(slot: number): void {
    const entry = this.slots.get(slot);
    if (entry === undefined) return;
    // Node timers may fire a millisecond early; an item run before its time would find its message still
    // ENROUTE and its receipt would be skipped for good. Re-arm for the remainder instead.
    const early = slot * this.resolutionMs - Date.now();
    if (early > 0) {
      entry.timer = setTimeout(() => this.runSlot(slot), early);
      return;
    }
    this.slots.delete(slot);
    this.pending -= entry.items.length;
    this.onDue(entry.items);
  }
}
