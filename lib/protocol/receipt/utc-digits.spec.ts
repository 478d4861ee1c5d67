import { describe, it, expect } from '@jest/globals';
import { utcDigits } from './utc-digits.js';

describe('utcDigits', () => {
  it('writes YYMMDDhhmm and YYMMDDhhmmss in UTC, each field on two digits', () => {
    const t = new Date(Date.UTC(2026, 0, 5, 3, 7, 9));
    expect(utcDigits(t, 10)).toBe('2601050307');
    expect(utcDigits(t, 12)).toBe('260105030709');
    expect(utcDigits(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)), 12)).toBe('991231235959');
  });
});
