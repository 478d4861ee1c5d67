import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { SequenceTable } from './sequence-table.js';

const MAX_SEQUENCE = 0x7fffffff;

describe('SequenceTable', () => {
  it('sets, finds, replaces and deletes by sequence number', () => {
    const table = new SequenceTable<string>();
    table.set(1, 'a');
    table.set(2, 'b');
    table.set(2, 'B');
    expect(table.size).toBe(2);
    expect(table.get(2)).toBe('B');
    expect(table.has(1)).toBe(true);
    expect(table.delete(1)).toBe(true);
    expect(table.delete(1)).toBe(false);
    expect(table.has(1)).toBe(false);
    expect(table.get(1)).toBeUndefined();
    expect(table.size).toBe(1);
  });

  it('never finds a value a peer may put in a PDU but that no request of ours carries', () => {
    const table = new SequenceTable<string>();
    table.set(1, 'a');
    for (const n of [0, -1, 0x80000000, 0xffffffff, 1.5, Number.NaN]) {
      expect(table.has(n)).toBe(false);
      expect(table.get(n)).toBeUndefined();
      expect(table.delete(n)).toBe(false);
    }
    expect(() => table.set(0, 'zero')).toThrow(
      /sequence_number must be an integer from 1 to 0x7FFFFFFF, got 0/,
    );
    expect(() => table.set(0x80000000, 'x')).toThrow(RangeError);
  });

  it('keeps entries whose slots collide apart, and finds them again after deletions in the middle of a run', () => {
    // 16 slots: 1, 17, 33 and 49 share slot 1; deleting 17 must leave 33 and 49 reachable.
    const table = new SequenceTable<number>(4);
    for (const n of [1, 17, 33, 49, 2]) table.set(n, n);
    expect(table.delete(17)).toBe(true);
    expect([1, 33, 49, 2].map((n) => table.get(n))).toEqual([1, 33, 49, 2]);
    expect(table.delete(1)).toBe(true);
    expect([33, 49, 2].map((n) => table.get(n))).toEqual([33, 49, 2]);
    expect(table.snapshot().sort((a, b) => a - b)).toEqual([2, 33, 49]);
  });

  it('wraps from the last slot to the first', () => {
    const table = new SequenceTable<number>(4);
    for (const n of [15, 31, 47, 14]) table.set(n, n);
    expect(table.delete(15)).toBe(true);
    expect([31, 47, 14].map((n) => table.get(n))).toEqual([31, 47, 14]);
  });

  it('grows past its first size and empties on clear', () => {
    const table = new SequenceTable<number>(2);
    for (let n = 1; n <= 1000; n++) table.set(n, n * 2);
    expect(table.size).toBe(1000);
    expect(table.get(777)).toBe(1554);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.has(777)).toBe(false);
    expect(table.snapshot()).toEqual([]);
  });

  it('behaves as a Map under any sequence of operations (sequential numbers, wrap-around and strays)', () => {
    const key = fc.oneof(
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: MAX_SEQUENCE - 40, max: MAX_SEQUENCE }),
      fc.integer({ min: 1, max: MAX_SEQUENCE }),
    );
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.record({ kind: fc.constant('get' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const table = new SequenceTable<number>(4);
        const model = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            table.set(o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.kind === 'delete') {
            expect(table.delete(o.key)).toBe(model.delete(o.key));
          } else {
            expect(table.get(o.key)).toBe(model.get(o.key));
          }
          expect(table.size).toBe(model.size);
        }
        for (const [k, v] of model) expect(table.get(k)).toBe(v);
        expect(table.snapshot().sort((a, b) => a - b)).toEqual([...model.values()].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
  it('behaves as a Map under a window of requests answered in any order, with numbers skipped and wrapped', () => {
    // What a session does: numbers issued in rising order (1 after 0x7FFFFFFF), at most `window` in flight,
    // each removed when its response comes, in any order. A generator that skips numbers (a step of 16 lands
    // on the same slot of a 16-slot table) puts entries off their home slots, so deletions must shift them.
    const request = fc.record({ step: fc.constantFrom(1, 1, 1, 2, 15, 16, 17, 32), pick: fc.nat() });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: MAX_SEQUENCE - 60, max: MAX_SEQUENCE }),
        fc.array(request, { minLength: 1, maxLength: 200 }),
        (window, first, requests) => {
          const table = new SequenceTable<number>(4);
          const model = new Map<number, number>();
          let next = first;
          for (const { step, pick } of requests) {
            while (model.size < window) {
              if (!model.has(next)) {
                table.set(next, next);
                model.set(next, next);
              }
              next = next + step > MAX_SEQUENCE ? next + step - MAX_SEQUENCE : next + step;
            }
            const keys = [...model.keys()];
            const key = keys[pick % keys.length]!;
            expect(table.delete(key)).toBe(true);
            model.delete(key);
            expect(table.has(key)).toBe(false);
            for (const k of model.keys()) expect(table.get(k)).toBe(k);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
