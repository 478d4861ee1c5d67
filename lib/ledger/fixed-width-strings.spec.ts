import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { copyLastUuid, fastRandomUuid } from '../correlation/fast-random-uuid.js';
import { FixedWidthStrings } from './fixed-width-strings.js';

describe('FixedWidthStrings', () => {
  it('gives back what was set in each cell, whatever its length and characters', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat({ max: 7 }),
            fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: undefined }),
          ),
        ),
        (writes) => {
          const column = new FixedWidthStrings(8, 6);
          const expected = new Array<string | undefined>(8).fill(undefined);
          for (const [cell, s] of writes) {
            column.set(cell, s);
            expected[cell] = s;
          }
          for (let cell = 0; cell < 8; cell++) expect(column.get(cell)).toBe(expected[cell]);
        },
      ),
    );
  });

  it('copies Latin-1 strings that fit and keeps others as they are', () => {
    const column = new FixedWidthStrings(3, 4);
    column.set(0, 'ab\u00ff');
    column.set(1, 'toolong');
    column.set(2, '\u20ac');
    expect([column.get(0), column.get(1), column.get(2)]).toEqual(['ab\u00ff', 'toolong', '\u20ac']);
    expect(() => new FixedWidthStrings(1, 254)).toThrow(/width must be < 254/);
  });

  it('setUuidWords stores a UUID copied as words, as set() would, and declines where words do not fit', () => {
    const column = new FixedWidthStrings(4, 40);
    column.set(1, 'x'.repeat(50)); // spilled: kept as a reference until the cell is written again
    const id = fastRandomUuid();
    const words = new Int32Array(20);
    expect(copyLastUuid(id, words, 11)).toBe(true);
    expect(column.setUuidWords(1, words, 11)).toBe(true);
    expect(column.get(1)).toBe(id);
    // A column too narrow for a UUID, or of a width that is not whole words, always declines.
    expect(new FixedWidthStrings(2, 24).setUuidWords(0, words, 11)).toBe(false);
    expect(new FixedWidthStrings(2, 38).setUuidWords(0, words, 11)).toBe(false);
  });
});
