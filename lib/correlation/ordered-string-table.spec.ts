import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { OrderedStringTable } from './ordered-string-table.js';

type Op = { kind: 'set'; key: string; n: number } | { kind: 'delete'; key: string } | { kind: 'evict' };

/** The same operations on a `Map` (insertion order, re-insertion moves to the back): the specification. */
class Model {
  readonly map = new Map<string, number>();
  set(key: string, n: number): void {
    this.map.delete(key);
    this.map.set(key, n);
  }
  oldest(): string | undefined {
    return this.map.keys().next().value;
  }
}

const key = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map(String),
  fc.integer({ min: 1_000_000, max: 1_000_300 }).map((n) => n.toString(16)),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key, n: fc.integer() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'evict' as const }) },
);

describe('OrderedStringTable', () => {
  it('behaves as an insertion-ordered Map through growth, holes and compaction', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const table = new OrderedStringTable<string>(4);
        const model = new Model();
        for (const o of ops) {
          if (o.kind === 'set') {
            table.set(o.key, `v${o.key}`, o.n);
            model.set(o.key, o.n);
          } else if (o.kind === 'delete') {
            expect(table.delete(o.key)).toBe(model.map.delete(o.key));
          } else {
            const oldest = model.oldest();
            expect(table.oldestKey()).toBe(oldest);
            if (oldest !== undefined) {
              expect(table.oldestNumber()).toBe(model.map.get(oldest));
              table.delete(oldest);
              model.map.delete(oldest);
            }
          }
          expect(table.size).toBe(model.map.size);
        }
        for (const [k, n] of model.map) {
          expect(table.get(k)).toBe(`v${k}`);
          expect(table.numberAt(table.find(k))).toBe(n);
        }
        // Oldest first, in the model's order.
        const order: string[] = [];
        while (table.size > 0) {
          const oldest = table.oldestKey() as string;
          order.push(oldest);
          table.delete(oldest);
        }
        expect(order).toEqual([...model.map.keys()]);
      }),
      { numRuns: 500 },
    );
  });

  it('stays at its size when entries come and go at a steady level (no allocation per entry)', () => {
    const table = new OrderedStringTable<number>(16);
    for (let i = 0; i < 100_000; i++) {
      table.set(String(i), i, i);
      if (i >= 100) table.delete(String(i - 100));
    }
    expect(table.size).toBe(100);
    expect(table.oldestKey()).toBe('99900');
    expect(table.get('99999')).toBe(99_999);
    expect(table.get('99899')).toBeUndefined();
  });

  it('keeps a long-lived entry first while later ones come and go', () => {
    const table = new OrderedStringTable<number>(4);
    table.set('keeper', 0, 0);
    for (let i = 1; i < 10_000; i++) {
      table.set(String(i), i, i);
      table.delete(String(i));
    }
    expect(table.size).toBe(1);
    expect(table.oldestKey()).toBe('keeper');
    table.clear();
    expect(table.size).toBe(0);
    expect(table.oldestKey()).toBeUndefined();
  });
});
