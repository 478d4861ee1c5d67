import { describe, expect, it } from '@jest/globals';
import { CorrelationSlotIndex, correlationHash } from './correlation-slot-index.js';

/** An index over `slots` slots whose ids and hashes the test sets, as the ledger does. */
function indexOf(slots: number, hashOf: (id: string) => number = correlationHash) {
  const ids = new Array<string | undefined>(slots).fill(undefined);
  const hashes = new Int32Array(slots);
  const index = new CorrelationSlotIndex(slots, ids, hashes);
  return {
    index,
    put(slot: number, id: string) {
      ids[slot] = id;
      hashes[slot] = hashOf(id);
      index.add(slot);
    },
    drop(slot: number) {
      index.remove(slot);
      ids[slot] = undefined;
    },
    find: (id: string) => index.find(id, hashOf(id)),
  };
}

describe('CorrelationSlotIndex', () => {
  it('finds every indexed id and nothing else', () => {
    const t = indexOf(100);
    for (let slot = 0; slot < 100; slot++) t.put(slot, `id-${slot}`);
    for (let slot = 0; slot < 100; slot++) expect(t.find(`id-${slot}`)).toBe(slot);
    expect(t.find('id-100')).toBe(-1);
  });

  it('keeps finding the others after removals in a run of colliding hashes (backward-shift deletion)', () => {
    // Every id hashes alike: one probe run holds them all, the worst case for deletion.
    const t = indexOf(64, () => 7);
    for (let slot = 0; slot < 64; slot++) t.put(slot, `c${slot}`);
    for (const slot of [0, 17, 63, 5, 6, 40]) t.drop(slot);
    for (let slot = 0; slot < 64; slot++)
      expect(t.find(`c${slot}`)).toBe([0, 17, 63, 5, 6, 40].includes(slot) ? -1 : slot);
  });

  it('matches a Map through a long churn of adds and removes, as the ledger’s ring of slots makes', () => {
    const slots = 257;
    const t = indexOf(slots, (id) => correlationHash(id) & 0x3f); // few distinct hashes: long probe runs
    const reference = new Map<string, number>();
    const held = new Array<string | undefined>(slots).fill(undefined);
    for (let n = 0; n < 20_000; n++) {
      const slot = n % slots;
      const old = held[slot];
      if (old !== undefined) {
        t.drop(slot);
        reference.delete(old);
      }
      const id = `m${n}`;
      t.put(slot, id);
      held[slot] = id;
      reference.set(id, slot);
      if (n % 997 === 0) for (const [key, value] of reference) expect(t.find(key)).toBe(value);
    }
    expect(t.find('m0')).toBe(-1);
  });
});
