import { describe, it, expect } from '@jest/globals';

import { formatDeliveryReceiptText } from './format-delivery-receipt-text.js';
import { parseDeliveryReceipt } from './parse-delivery-receipt.js';

describe('formatDeliveryReceiptText (SMPP 3.4 Appendix B)', () => {
  const submitDate = new Date('2024-03-05T07:08:09Z');
  const doneDate = new Date('2024-03-05T07:10:00Z');

  it('writes the standard layout', () => {
    expect(
      formatDeliveryReceiptText({ id: 'abc123', submitDate, doneDate, stat: 'DELIVRD', text: 'Hello' }),
    ).toBe(
      'id:abc123 sub:001 dlvrd:001 submit date:2403050708 done date:2403050710 stat:DELIVRD err:000 text:Hello',
    );
  });

  it('counts no delivered part for a failure and pads err', () => {
    expect(formatDeliveryReceiptText({ id: '1', submitDate, doneDate, stat: 'UNDELIV', err: 5 })).toBe(
      'id:1 sub:001 dlvrd:000 submit date:2403050708 done date:2403050710 stat:UNDELIV err:005 text:',
    );
  });

  it('keeps only the first 20 characters of the text, never halving an emoji', () => {
    const text = formatDeliveryReceiptText({
      id: '1',
      submitDate,
      doneDate,
      stat: 'DELIVRD',
      text: '😀'.repeat(25),
    });
    expect(text.endsWith('text:' + '😀'.repeat(20))).toBe(true);
  });

  it('writes 12-digit dates on request and passes strings through', () => {
    const text = formatDeliveryReceiptText({
      id: '1',
      submitDate,
      doneDate: '2403050710',
      stat: 'DELIVRD',
      dateDigits: 12,
    });
    expect(text).toContain('submit date:240305070809 done date:2403050710');
  });

  it('is read back by parseDeliveryReceipt', () => {
    const text = formatDeliveryReceiptText({
      id: '42',
      submitted: 3,
      delivered: 2,
      submitDate,
      doneDate,
      stat: 'EXPIRED',
      err: 11,
      text: 'x: y',
    });
    expect(parseDeliveryReceipt({ esm_class: 0x04, short_message: Buffer.from(text) })).toMatchObject({
      messageId: '42',
      submitted: 3,
      delivered: 2,
      state: 'EXPIRED',
      errorCode: '011',
      text: 'x: y',
      submittedAt: new Date('2024-03-05T07:08:00Z'),
    });
  });
});
