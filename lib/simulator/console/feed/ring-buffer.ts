/**
 * A fixed-capacity buffer that overwrites its oldest item: the console's feed stays bounded however long the
 * simulator runs.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity ${capacity} must be a positive integer.`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  /** Items held now (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Adds an item, evicting the oldest when full. */
  push(item: T): void {
    this.items[(this.head + this.count) % this.capacity] = item;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** The oldest item held, if any. */
  oldest(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Items oldest first, from position `skip` (0 = the oldest held). */
  toArray(skip = 0): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, skip); i < this.count; i++)
      out.push(this.items[(this.head + i) % this.capacity] as T);
    return out;
  }
}
