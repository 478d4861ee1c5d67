/** An empty cell of the table. */
const EMPTY = -1;

/**
 * The in-memory ledger's slots by correlation id: open addressing (linear probing) in one preallocated
 * `Int32Array`, each cell a slot number, with the ids and their hashes kept by the ledger per slot.
 *
 * @remarks
 * Why not a `Map<string, number>`: the ledger adds and removes one entry per message, for ever. A `Map`
 * computes V8's hash of every new id (a runtime call), and rehashes its table into a new allocation every
 * few thousand deletions; measured, it was most of what the ledger itself cost per message. This table
 * never allocates after construction, compares a slot's stored hash before its id, and deletes by shifting
 * the following cells back (no tombstones to walk). The load factor stays at or below one half.
 */
export class CorrelationSlotIndex {
  private readonly table: Int32Array;
  private readonly mask: number;

  /**
   * @param slots - most slots indexed at once.
   * @param ids - the ledger's id of each slot.
   * @param hashes - the ledger's {@link correlationHash} of each slot's id.
   */
  constructor(
    slots: number,
    private readonly ids: ReadonlyArray<string | undefined>,
    private readonly hashes: Int32Array,
  ) {
    let capacity = 16;
    while (capacity < slots * 2) capacity *= 2;
    this.table = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  /** The slot of `id` (whose hash is `hash`), or -1. */
  find(id: string, hash: number): number {
    const { table, mask, hashes, ids } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = table[i]!;
      if (slot === EMPTY) return -1;
      if (hashes[slot] === hash && ids[slot] === id) return slot;
    }
  }

  /** Indexes a slot whose id and hash the ledger has just set (the id is not indexed yet). */
  add(slot: number): void {
    const { table, mask } = this;
    let i = this.hashes[slot]! & mask;
    while (table[i] !== EMPTY) i = (i + 1) & mask;
    table[i] = slot;
  }

  /** Removes a slot (before the ledger clears its id and hash). */
  remove(slot: number): void {
    const { table, mask, hashes } = this;
    let hole = hashes[slot]! & mask;
    while (table[hole] !== slot) {
      if (table[hole] === EMPTY) return;
      hole = (hole + 1) & mask;
    }
    // Backward-shift deletion: move later cells of the probe run into the hole when their home cell is at or
    // before it, so a lookup never has to step over an empty cell to find them.
    for (let j = (hole + 1) & mask; table[j] !== EMPTY; j = (j + 1) & mask) {
      const home = hashes[table[j]!]! & mask;
      const reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (reachable) continue;
      table[hole] = table[j]!;
      hole = j;
    }
    table[hole] = EMPTY;
  }
}

/** FNV-1a over the id's UTF-16 code units, mixed so that the low bits depend on every character. */
export function correlationHash(id: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 16);
}
