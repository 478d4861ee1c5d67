/**
 * A string-keyed table that remembers insertion order (oldest first), in arrays that only grow: what
 * {@link InMemoryCorrelator} needs, without a `Map`.
 *
 * @remarks
 * Why not a `Map`: with a receipt shortly after each submit_sm_resp, the correlator fills and empties at
 * message rate, and a `Map` that grows and shrinks by a window's worth of entries allocates a new hash table at
 * each doubling and halving. A table that outlives a scavenge is promoted and keeps every entry it points to
 * alive into the old generation (issue 13, `node --trace-gc-nvp` over 320,000 messages with receipts at window
 * 100: 86 MB promoted and 5 mark-compacts with the `Map`, 12 MB and 1 without a correlator; ~1 µs of client
 * CPU per message). The request window had the same problem (`lib/session/sequence-table.ts`).
 *
 * Layout: records live in a ring in insertion order (key, value, a number per record); an open-addressing
 * index (linear probing, backward-shift deletion) maps a key's hash to its record. A deleted record leaves a
 * hole in the ring, which the oldest-first walk skips; when the ring is full it is compacted (and doubled when
 * more than half of it is live). Nothing is allocated per entry, and a slot is cleared the moment its entry
 * leaves, so an entry that lives briefly dies young.
 */
export class OrderedStringTable<V> {
  private keys: Array<string | undefined>;
  private values: Array<V | undefined>;
  private numbers: Float64Array;
  /** Record index by hash slot, -1 when empty. */
  private index: Int32Array;
  private indexMask: number;
  /** Ring positions: `head` is the oldest record (or a hole before it), `tail` the next free one. */
  private head = 0;
  private tail = 0;
  private used = 0;
  private live = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.numbers = new Float64Array(capacity);
    this.index = new Int32Array(capacity * 2).fill(-1);
    this.indexMask = capacity * 2 - 1;
  }

  /** Entries held. */
  get size(): number {
    return this.live;
  }

  /** Adds `key` as the newest entry (replacing and moving an existing one), with `value` and a number. */
  set(key: string, value: V, number: number): void {
    this.delete(key);
    if (this.used === this.keys.length) this.compact();
    const record = this.tail;
    this.keys[record] = key;
    this.values[record] = value;
    this.numbers[record] = number;
    this.tail = record + 1 === this.keys.length ? 0 : record + 1;
    this.used++;
    this.live++;
    let i = hashOf(key) & this.indexMask;
    while (this.index[i] !== -1) i = (i + 1) & this.indexMask;
    this.index[i] = record;
  }

  /** The value of `key`, or undefined. */
  get(key: string): V | undefined {
    const record = this.find(key);
    return record < 0 ? undefined : this.values[record];
  }

  /** Where `key`'s entry is (for {@link valueAt} / {@link numberAt}, until the table changes), or -1. */
  find(key: string): number {
    const slot = this.slotOf(key);
    return slot < 0 ? -1 : this.index[slot];
  }

  /** The value of the entry {@link find} returned. */
  valueAt(record: number): V {
    return this.values[record] as V;
  }

  /** The number of the entry {@link find} returned. */
  numberAt(record: number): number {
    return this.numbers[record];
  }

  /** Removes `key`; whether it was there. */
  delete(key: string): boolean {
    const slot = this.slotOf(key);
    if (slot < 0) return false;
    const record = this.index[slot];
    this.keys[record] = undefined;
    this.values[record] = undefined;
    this.live--;
    this.unindex(slot);
    this.skipHoles();
    return true;
  }

  /** The oldest key, or undefined when empty. */
  oldestKey(): string | undefined {
    this.skipHoles();
    return this.live === 0 ? undefined : this.keys[this.head];
  }

  /** The number stored with the oldest entry, or NaN when empty. */
  oldestNumber(): number {
    this.skipHoles();
    return this.live === 0 ? NaN : this.numbers[this.head];
  }

  /** Forgets everything (the arrays keep their size). */
  clear(): void {
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.index.fill(-1);
    this.head = this.tail = this.used = this.live = 0;
  }

  private slotOf(key: string): number {
    const { index, indexMask, keys } = this;
    for (let i = hashOf(key) & indexMask; ; i = (i + 1) & indexMask) {
      const record = index[i];
      if (record === -1) return -1;
      if (keys[record] === key) return i;
    }
  }

  /** Backward-shift deletion (see `SequenceTable.delete`): no tombstones for lookups to walk over. */
  private unindex(slot: number): void {
    const { index, indexMask, keys } = this;
    let hole = slot;
    for (let j = (hole + 1) & indexMask; index[j] !== -1; j = (j + 1) & indexMask) {
      const home = hashOf(keys[index[j]] as string) & indexMask;
      const reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (reachable) continue;
      index[hole] = index[j];
      hole = j;
    }
    index[hole] = -1;
  }

  /** Moves `head` past deleted records, so the oldest live record is at `head`. */
  private skipHoles(): void {
    const capacity = this.keys.length;
    while (this.used > this.live && this.keys[this.head] === undefined) {
      this.head = this.head + 1 === capacity ? 0 : this.head + 1;
      this.used--;
    }
  }

  /** The ring is full: live records move to the front of a ring of the same size, or twice it. */
  private compact(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldNumbers = this.numbers;
    const oldCapacity = oldKeys.length;
    const capacity = this.live * 2 > oldCapacity ? oldCapacity * 2 : oldCapacity;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.numbers = new Float64Array(capacity);
    if (capacity !== oldCapacity) {
      this.index = new Int32Array(capacity * 2);
      this.indexMask = capacity * 2 - 1;
    }
    this.index.fill(-1);
    let record = 0;
    for (let n = 0, at = this.head; n < this.used; n++, at = at + 1 === oldCapacity ? 0 : at + 1) {
      const key = oldKeys[at];
      if (key === undefined) continue;
      this.keys[record] = key;
      this.values[record] = oldValues[at];
      this.numbers[record] = oldNumbers[at];
      let i = hashOf(key) & this.indexMask;
      while (this.index[i] !== -1) i = (i + 1) & this.indexMask;
      this.index[i] = record;
      record++;
    }
    this.head = 0;
    this.tail = record === capacity ? 0 : record;
    this.used = this.live = record;
  }
}

/** FNV-1a over the UTF-16 code units: message ids are short, and this spreads consecutive ones well. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
