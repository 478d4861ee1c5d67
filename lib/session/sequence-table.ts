/**
 * The requests of a window by sequence_number: an open-addressing table in two preallocated arrays.
 *
 * @remarks
 * Why not a `Map`: a window fills and empties hundreds of times a second, and a `Map` that grows from a few
 * entries to the window's size and back allocates a new hash table at each doubling and halving (about 100
 * bytes per request at window 100). When one of those tables outlives a scavenge it is promoted, and every
 * request it still points to is kept alive by it and promoted in turn, then the next table... The whole
 * per-message graph ends in the old generation (`node --trace-gc-nvp`: a promotion rate of ~99% against
 * ~17% otherwise), mark-compacts follow every few scavenges, and the client's CPU per message doubles. A run
 * falls into that state or not by chance of timing, which made `npm run bench` bimodal.
 *
 * This table allocates only when it grows (it never shrinks), clears a slot as soon as its request leaves,
 * and finds a sequence number in one probe in the common case: sequence numbers are consecutive, so
 * `sequenceNumber & mask` spreads them without hashing. Deletion shifts the following entries back
 * (linear probing without tombstones), so a long run of deletions leaves no debris to walk.
 *
 * The shift looks only as far as the largest distance any entry sits from its home slot (`maxShift`, an upper
 * bound kept since the last rehash): an entry further on cannot have its home at or before the hole. A
 * window's consecutive numbers each sit in their home slot, so `maxShift` stays 0 and a deletion touches one
 * slot; without the bound it walked the whole run of occupied slots after it, i.e. every request in flight
 * (~2% of the client's CPU at window 100, `npm run bench:profile`, and ten times that per deletion at 1000).
 */
export class SequenceTable<T> {
  private keys: Int32Array;
  private values: Array<T | undefined>;
  private mask: number;
  private count = 0;
  /** No entry sits further than this from its home slot (`sequenceNumber & mask`). */
  private maxShift = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  /** Entries in the table. */
  get size(): number {
    return this.count;
  }

  /** Adds or replaces the entry for `sequenceNumber` (an SMPP sequence number: 1 to 0x7FFFFFFF). */
  set(sequenceNumber: number, value: T): void {
    if (!isSequenceNumber(sequenceNumber)) {
      throw new RangeError(`sequence_number must be an integer from 1 to 0x7FFFFFFF, got ${sequenceNumber}`);
    }
    const home = sequenceNumber & this.mask;
    let i = home;
    for (;;) {
      const key = this.keys[i]!;
      if (key === EMPTY) break;
      if (key === sequenceNumber) {
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
    if ((this.count + 1) * 2 > this.keys.length) {
      this.grow();
      this.set(sequenceNumber, value);
      return;
    }
    this.keys[i] = sequenceNumber;
    this.values[i] = value;
    this.count++;
    const shift = (i - home) & this.mask;
    if (shift > this.maxShift) this.maxShift = shift;
  }

  get(sequenceNumber: number): T | undefined {
    const i = this.indexOf(sequenceNumber);
    return i < 0 ? undefined : this.values[i];
  }

  has(sequenceNumber: number): boolean {
    return this.indexOf(sequenceNumber) >= 0;
  }

  /** Removes the entry for `sequenceNumber`; whether there was one. */
  delete(sequenceNumber: number): boolean {
    let hole = this.indexOf(sequenceNumber);
    if (hole < 0) return false;
    const { keys, values, mask, maxShift } = this;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home slot is
    // at or before it, so a lookup never has to step over an empty slot to find them. Only entries within
    // `maxShift` of the hole can have their home there (see the class remarks).
    for (
      let j = (hole + 1) & mask;
      keys[j] !== EMPTY && ((j - hole) & mask) <= maxShift;
      j = (j + 1) & mask
    ) {
      const home = keys[j]! & mask;
      const reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (reachable) continue;
      keys[hole] = keys[j]!;
      values[hole] = values[j];
      hole = j;
    }
    keys[hole] = EMPTY;
    values[hole] = undefined;
    this.count--;
    return true;
  }

  /** The entries, in no particular order (a snapshot: the table may change while the caller walks it). */
  snapshot(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) out.push(this.values[i] as T);
    return out;
  }

  clear(): void {
    this.keys.fill(EMPTY);
    this.values.fill(undefined);
    this.count = 0;
    this.maxShift = 0;
  }

  private indexOf(sequenceNumber: number): number {
    // A peer's PDU may carry any 32-bit value (0, or above 0x7FFFFFFF): none of them is ever in the table.
    if (!isSequenceNumber(sequenceNumber)) return -1;
    for (let i = sequenceNumber & this.mask; ; i = (i + 1) & this.mask) {
      const key = this.keys[i]!;
      if (key === sequenceNumber) return i;
      if (key === EMPTY) return -1;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    const capacity = keys.length * 2;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    this.count = 0;
    this.maxShift = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) this.set(keys[i]!, values[i] as T);
  }
}

/** No SMPP sequence number is 0 (the range is 1 to 0x7FFFFFFF). */
const EMPTY = 0;

function isSequenceNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 0x7fffffff;
}
