import { describe, it, expect } from '@jest/globals';
import { copyLastUuid, fastRandomUuid } from './fast-random-uuid.js';

describe('fastRandomUuid', () => {
  it('makes RFC 9562 version 4 UUIDs: lower-case hex, version nibble 4, variant 10xx', () => {
    for (let i = 0; i < 1000; i++) {
      expect(fastRandomUuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('never repeats across many refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(fastRandomUuid());
    expect(seen.size).toBe(100_000);
  });

  it('spreads its random bits: every hex digit appears in every free position', () => {
    const ids = Array.from({ length: 5000 }, () => fastRandomUuid());
    for (const position of [0, 9, 15, 20, 35]) {
      expect(new Set(ids.map((id) => id[position])).size).toBe(16);
    }
  });

  describe('copyLastUuid', () => {
    const bytesOf = (words: Int32Array, at: number): string =>
      Buffer.from(words.buffer, words.byteOffset + at * 4, 36).toString('latin1');

    it('copies the id made last as its 36 Latin-1 bytes, across refills (batches of 128)', () => {
      const target = new Int32Array(20);
      for (let i = 0; i < 300; i++) {
        const id = fastRandomUuid();
        target.fill(0);
        expect(copyLastUuid(id, target, 11)).toBe(true);
        expect(bytesOf(target, 11)).toBe(id);
        expect(Array.from(target.subarray(0, 11))).toEqual(new Array(11).fill(0));
      }
    });

    it('copies nothing for another id (an earlier one, or one the caller chose), and copies an equal text', () => {
      const earlier = fastRandomUuid();
      const last = fastRandomUuid();
      const target = new Int32Array(9);
      expect(copyLastUuid(earlier, target, 0)).toBe(false);
      expect(copyLastUuid('order-42', target, 0)).toBe(false);
      expect(Array.from(target)).toEqual(new Array(9).fill(0));
      // Equal text is the same bytes, so a copy of it is as good as the id itself.
      const sameText = [...last].join('');
      expect(copyLastUuid(sameText, target, 0)).toBe(true);
      expect(bytesOf(target, 0)).toBe(last);
    });
  });
});
