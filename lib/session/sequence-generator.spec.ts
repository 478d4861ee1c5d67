import { describe, it, expect } from '@jest/globals';
import { MAX_SEQUENCE_NUMBER } from '../protocol/pdu.constants.js';
import { createSequenceGenerator } from './sequence-generator.js';

describe('createSequenceGenerator', () => {
  it('counts up from 1', () => {
    const next = createSequenceGenerator();
    expect([next(), next(), next()]).toEqual([1, 2, 3]);
  });

  it('wraps from 0x7FFFFFFF back to 1, never producing 0 (SMPP 3.4 §5.1.4)', () => {
    const next = createSequenceGenerator(MAX_SEQUENCE_NUMBER - 1);
    expect([next(), next(), next()]).toEqual([0x7ffffffe, 0x7fffffff, 1]);
  });

  it.each([0, -1, 0x80000000, 1.5])('refuses a start of %p', (start) => {
    expect(() => createSequenceGenerator(start)).toThrow(/1\.\.0x7FFFFFFF/);
  });
});
