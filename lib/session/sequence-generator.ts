import { MAX_SEQUENCE_NUMBER } from '../protocol/pdu.constants.js';

/**
 * A sequence_number source: 1, 2, ... 0x7FFFFFFF, then 1 again (SMPP 3.4 §5.1.4 allows 0x00000001-0x7FFFFFFF).
 *
 * @param start - the first number to hand out (tests use a value near the top to see the wrap). @default 1
 * @returns a function returning the next number on each call.
 * @example
 * ```ts
 * const next = createSequenceGenerator(0x7fffffff);
 * next(); // 0x7fffffff
 * next(); // 1
 * ```
 */
export function createSequenceGenerator(start = 1): () => number {
  if (!Number.isInteger(start) || start < 1 || start > MAX_SEQUENCE_NUMBER) {
    throw new RangeError(
      `sequence start must be an integer in 1..0x7FFFFFFF (SMPP 3.4 §5.1.4), got ${start}`,
    );
  }
  let next = start;
  return () => {
    const current = next;
    next = current === MAX_SEQUENCE_NUMBER ? 1 : current + 1;
    return current;
  };
}
