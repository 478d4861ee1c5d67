import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';

import { createMessageIdNormalizer, normalizeMessageId } from './normalize-message-id.js';

describe('normalizeMessageId', () => {
  it.each([
    ['00AB12', 'ab12'],
    ['  AB12 ', 'ab12'],
    ['000', '0'],
    ['0', '0'],
    ['', ''],
    ['a1-B2', 'a1-b2'],
  ])('by default normalises %j to %j', (id, expected) => {
    expect(normalizeMessageId(id)).toBe(expected);
  });

  it('gives hex "1A" from submit_sm_resp and decimal "26" from a receipt the same key', () => {
    expect(normalizeMessageId('1A', { from: 'hex' })).toBe('26');
    expect(normalizeMessageId('0026', { from: 'decimal' })).toBe('26');
  });

  it('can write hex', () => {
    expect(normalizeMessageId('26', { from: 'decimal', to: 'hex' })).toBe('1a');
    expect(normalizeMessageId('0x001A', { from: 'hex', to: 'hex' })).toBe('1a');
  });

  it('converts ids beyond 2^53 exactly', () => {
    expect(normalizeMessageId('FFFFFFFFFFFFFFFFFF', { from: 'hex' })).toBe('4722366482869645213695');
  });

  it('falls back to the default for an id that is not a number in that base', () => {
    expect(normalizeMessageId('00XYZ', { from: 'hex' })).toBe('xyz');
    expect(normalizeMessageId('1A', { from: 'decimal' })).toBe('1a');
  });

  it('builds a reusable normalizer', () => {
    const fromHex = createMessageIdNormalizer({ from: 'hex' });
    expect(['ff', '00FF'].map(fromHex)).toEqual(['255', '255']);
  });
});

describe('normalizeMessageId: the already-normal fast path', () => {
  /** The default rule, written out: trimmed, lower-cased, leading zeros removed ('000' → '0'). */
  const byRule = (id: string): string => {
    const trimmed = id.trim().toLowerCase();
    const stripped = trimmed.replace(/^0+/, '');
    return stripped === '' && trimmed !== '' ? '0' : stripped;
  };

  it('gives what the rule gives, on ids of any characters', () => {
    const idChars = fc.constantFrom(...'0019aAfFzZ-_ .\t\u00a0\u00c0\u00e9\u2003'.split(''));
    fc.assert(
      fc.property(fc.array(idChars, { maxLength: 12 }), fc.string(), (chars, any) => {
        const id = chars.join('');
        expect(normalizeMessageId(id)).toBe(byRule(id));
        expect(normalizeMessageId(any)).toBe(byRule(any));
      }),
      { numRuns: 5_000 },
    );
  });
});
