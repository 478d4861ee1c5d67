import { describe, it, expect } from '@jest/globals';
import { fastRandomUuid } from './fast-random-uuid.js';

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
});
