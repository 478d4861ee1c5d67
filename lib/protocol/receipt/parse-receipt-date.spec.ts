import { describe, expect, it } from '@jest/globals';

import { parseReceiptDate } from './parse-receipt-date.js';

describe('parseReceiptDate', () => {
  it('reads 10, 12 and 14 digit dates as UTC', () => {
    expect(parseReceiptDate('2612061208')?.toISOString()).toBe('2026-12-06T12:08:00.000Z');
    expect(parseReceiptDate('261206120859')?.toISOString()).toBe('2026-12-06T12:08:59.000Z');
    expect(parseReceiptDate('20261206120859')?.toISOString()).toBe('2026-12-06T12:08:59.000Z');
    expect(parseReceiptDate('2602310000')).toBeUndefined(); // 31 February
    expect(parseReceiptDate('26120612x8')).toBeUndefined();
  });

  it('answers a repeated date from its cache with a Date of its own each time', () => {
    const first = parseReceiptDate('2612061208')!;
    const second = parseReceiptDate('2612061208')!;
    expect(second).not.toBe(first);
    expect(second.getTime()).toBe(first.getTime());
    first.setUTCFullYear(1999); // a receipt's Date is its own: changing one changes no other
    expect(parseReceiptDate('2612061208')?.toISOString()).toBe('2026-12-06T12:08:00.000Z');
    expect(parseReceiptDate('2602310000')).toBeUndefined();
    expect(parseReceiptDate('2602310000')).toBeUndefined();
    expect(parseReceiptDate('2501011200')?.toISOString()).toBe('2025-01-01T12:00:00.000Z');
  });
});
