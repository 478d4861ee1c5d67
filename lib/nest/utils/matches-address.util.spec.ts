import { describe, it, expect } from '@jest/globals';
import { matchesAddress, matchesClient } from './matches-address.util.js';

describe('handler address filters', () => {
  it('lets everything through when there is no filter', () => {
    expect(matchesAddress(undefined, '447700900001')).toBe(true);
    expect(matchesAddress(undefined, undefined)).toBe(true);
  });
  it('matches an exact address, a pattern, or any of a list', () => {
    expect(matchesAddress('1234', '1234')).toBe(true);
    expect(matchesAddress('1234', '12345')).toBe(false);
    expect(matchesAddress(/^44/, '447700900001')).toBe(true);
    expect(matchesAddress(['1234', /^55/], '5551')).toBe(true);
    expect(matchesAddress(['1234', /^55/], '4455')).toBe(false);
  });
  it('judges each address alone with a global pattern', () => {
    const pattern = /^44/g;
    expect(matchesAddress(pattern, '447700900001')).toBe(true);
    expect(matchesAddress(pattern, '447700900002')).toBe(true);
  });
  it('rejects an event without the filtered address', () => {
    expect(matchesAddress('1234', undefined)).toBe(false);
  });
  it('filters client names by one name or a list', () => {
    expect(matchesClient(undefined, 'a')).toBe(true);
    expect(matchesClient('a', 'a')).toBe(true);
    expect(matchesClient('a', 'b')).toBe(false);
    expect(matchesClient(['a', 'b'], 'b')).toBe(true);
  });
});
