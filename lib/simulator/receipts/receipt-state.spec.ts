import { describe, expect, it } from '@jest/globals';
import { RECEIPT_STATE_NAMES, ReceiptStatePicker } from './receipt-state.js';

describe('ReceiptStatePicker', () => {
  it('always picks the only state of a one-state mix', () => {
    const picker = new ReceiptStatePicker({ UNDELIV: 3 });
    expect(new Set(Array.from({ length: 50 }, () => RECEIPT_STATE_NAMES[picker.pick()]))).toEqual(
      new Set(['UNDELIV']),
    );
  });

  it('follows the weights', () => {
    const picker = new ReceiptStatePicker({ DELIVRD: 9, EXPIRED: 1, REJECTD: 0 });
    const picks = Array.from({ length: 10_000 }, () => RECEIPT_STATE_NAMES[picker.pick()]);
    const delivered = picks.filter((p) => p === 'DELIVRD').length;
    expect(delivered).toBeGreaterThan(8700);
    expect(delivered).toBeLessThan(9300);
    expect(picks).not.toContain('REJECTD');
  });

  it('names the problem in a bad mix', () => {
    expect(() => new ReceiptStatePicker({})).toThrow(/no positive weight/);
    expect(() => new ReceiptStatePicker({ DELIVRD: -1 })).toThrow(/DELIVRD has weight -1/);
    expect(() => new ReceiptStatePicker({ DELIVERED: 1 } as never)).toThrow(/"DELIVERED" is unknown/);
  });
});
