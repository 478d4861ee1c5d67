import { describe, it, expect } from '@jest/globals';

import type { Tlvs } from '../tlv.types.js';
import { isDeliveryReceipt, isIntermediateNotification } from './is-delivery-receipt.js';
import { parseDeliveryReceipt } from './parse-delivery-receipt.js';
import { parseReceiptDate } from './parse-receipt-date.js';

const receipt = (text: string, esm_class = 0x04, tlvs?: Tlvs) =>
  parseDeliveryReceipt({ esm_class, short_message: Buffer.from(text, 'latin1'), ...(tlvs ? { tlvs } : {}) });

const STANDARD =
  'id:0123456789 sub:001 dlvrd:001 submit date:2301311200 done date:2301311205 stat:DELIVRD err:000 text:Hello there';

describe('isDeliveryReceipt (esm_class message type, SMPP 3.4 §5.2.12)', () => {
  it.each([
    [0x04, true],
    [0x44, true], // receipt with UDHI
    [0x07, true], // messaging-mode bits do not matter
    [0x20, true], // intermediate notification
    [0x00, false],
    [0x08, false], // SME delivery ack
    [0x10, false], // manual/user ack
    [0x24, false], // message type 1001 is not defined
  ])('0x%s → %s', (esm, expected) => {
    expect(isDeliveryReceipt(esm)).toBe(expected);
  });

  it('tells intermediate notifications apart', () => {
    expect(isIntermediateNotification(0x20)).toBe(true);
    expect(isIntermediateNotification(0x04)).toBe(false);
  });
});

describe('parseDeliveryReceipt: the Appendix B text', () => {
  it('reads every field of the standard layout', () => {
    expect(receipt(STANDARD)).toEqual({
      messageId: '0123456789',
      state: 'DELIVRD',
      messageState: 2,
      final: true,
      intermediate: false,
      stat: 'DELIVRD',
      submitted: 1,
      delivered: 1,
      submitDate: '2301311200',
      doneDate: '2301311205',
      submittedAt: new Date('2023-01-31T12:00:00Z'),
      doneAt: new Date('2023-01-31T12:05:00Z'),
      errorCode: '000',
      text: 'Hello there',
      fields: {
        id: '0123456789',
        sub: '001',
        dlvrd: '001',
        'submit date': '2301311200',
        'done date': '2301311205',
        stat: 'DELIVRD',
        err: '000',
        text: 'Hello there',
      },
      raw: STANDARD,
    });
  });

  it.each([
    ['"Text:" with a capital', 'id:1 stat:DELIVRD err:000 Text:hi', { messageId: '1', text: 'hi' }],
    [
      'upper-case keys',
      'ID:1 SUB:001 DLVRD:001 STAT:UNDELIV ERR:001 TEXT:x',
      { messageId: '1', state: 'UNDELIV', errorCode: '001', submitted: 1 },
    ],
    [
      'no sub/dlvrd',
      'id:77 submit date:2301311200 done date:2301311205 stat:EXPIRED err:000',
      { messageId: '77', state: 'EXPIRED' },
    ],
    [
      '12-digit dates',
      'id:1 submit date:230131120030 done date:230131120545 stat:DELIVRD err:000',
      { submittedAt: new Date('2023-01-31T12:00:30Z'), doneAt: new Date('2023-01-31T12:05:45Z') },
    ],
    ['4-digit err', 'id:1 stat:UNDELIV err:0123 text:', { errorCode: '0123', final: true }],
    ['lower-case stat', 'id:1 stat:delivrd err:000', { state: 'DELIVRD', stat: 'delivrd' }],
    ['spelled-out stat', 'id:1 stat:DELIVERED', { state: 'DELIVRD' }],
    [
      'submit_date with underscores',
      'id:1 submit_date:2301311200 done_date:2301311205 stat:DELIVRD',
      { submitDate: '2301311200', doneDate: '2301311205' },
    ],
    [
      'text with colons and spaces',
      'id:1 stat:DELIVRD err:000 text:see: http://x.y stat:FAKE',
      { text: 'see: http://x.y stat:FAKE', state: 'DELIVRD' },
    ],
    [
      'hex id',
      'id:1A2b3C sub:001 dlvrd:000 stat:REJECTD err:004',
      { messageId: '1A2b3C', state: 'REJECTD', messageState: 8, final: true },
    ],
    ['extra vendor fields', 'id:1 stat:DELIVRD err:000 mccmnc:20801 text:x', { state: 'DELIVRD' }],
  ])('tolerates %s', (_name, text, expected) => {
    expect(receipt(text)).toMatchObject(expected);
  });

  it.each([
    ['DELIVRD', 'DELIVRD', 2, true],
    ['EXPIRED', 'EXPIRED', 3, true],
    ['DELETED', 'DELETED', 4, true],
    ['UNDELIV', 'UNDELIV', 5, true],
    ['ACCEPTD', 'ACCEPTD', 6, true],
    ['UNKNOWN', 'UNKNOWN', 7, false],
    ['REJECTD', 'REJECTD', 8, true],
    ['ENROUTE', 'ENROUTE', 1, false],
    ['ACKED', 'ENROUTE', 1, false],
    ['BUFFRED', 'ENROUTE', 1, false],
    ['BUFFERD', 'ENROUTE', 1, false],
    ['SOMETHING', 'UNKNOWN', 7, false],
  ])('maps stat:%s to state %s, message_state %s, final %s', (stat, state, messageState, final) => {
    expect(receipt(`id:9 stat:${stat} err:000`)).toMatchObject({ state, messageState, final, stat });
  });

  it('leaves absent fields out rather than guessing', () => {
    const parsed = receipt('id:77 stat:EXPIRED');
    for (const field of [
      'submitted',
      'delivered',
      'submitDate',
      'doneDate',
      'errorCode',
      'text',
      'networkErrorCode',
    ]) {
      expect(parsed).not.toHaveProperty(field);
    }
  });

  it('keeps the vendor word when the stat is unknown', () => {
    expect(receipt('id:9 stat:FAILED')).toMatchObject({ state: 'UNKNOWN', stat: 'FAILED' });
  });

  it('trims NUL terminators some SMSCs append', () => {
    expect(receipt('id:5 stat:DELIVRD text:x\0')?.text).toBe('x');
  });
});

describe('parseDeliveryReceipt: TLVs first (SMPP 3.4 §5.3.2.12, .35, .31)', () => {
  it('prefers receipted_message_id and message_state over the text', () => {
    const parsed = receipt('id:0000123 stat:DELIVRD err:000', 0x04, {
      receipted_message_id: '7b',
      message_state: 5,
    });
    expect(parsed).toMatchObject({
      messageId: '7b',
      state: 'UNDELIV',
      messageState: 5,
      stat: 'DELIVRD',
      final: true,
    });
  });

  it('reads network_error_code as network type and error code', () => {
    const parsed = receipt('id:1 stat:UNDELIV err:001', 0x04, {
      network_error_code: Buffer.from([0x03, 0x00, 0x22]),
    });
    expect(parsed?.networkErrorCode).toEqual({ networkType: 3, errorCode: 0x22 });
  });

  it('ignores a network_error_code of the wrong length', () => {
    expect(
      receipt('id:1 stat:UNDELIV', 0x04, { network_error_code: Buffer.from([3]) })?.networkErrorCode,
    ).toBeUndefined();
  });

  it('needs no text at all when the TLVs are there', () => {
    const parsed = parseDeliveryReceipt({
      esm_class: 0x04,
      short_message: Buffer.alloc(0),
      tlvs: { receipted_message_id: 'abc', message_state: 2 },
    });
    expect(parsed).toMatchObject({ messageId: 'abc', state: 'DELIVRD', final: true, raw: '' });
  });

  it('reads the text from message_payload when short_message is empty', () => {
    const parsed = parseDeliveryReceipt({
      esm_class: 0x04,
      short_message: Buffer.alloc(0),
      tlvs: { message_payload: Buffer.from(STANDARD) },
    });
    expect(parsed).toMatchObject({ messageId: '0123456789', state: 'DELIVRD', text: 'Hello there' });
  });

  it('reads data_sm receipts, which have no short_message', () => {
    expect(
      parseDeliveryReceipt({ esm_class: 0x04, tlvs: { receipted_message_id: 'x1', message_state: 3 } }),
    ).toMatchObject({
      messageId: 'x1',
      state: 'EXPIRED',
    });
  });
});

describe('parseDeliveryReceipt: what is not a receipt', () => {
  it('returns undefined for an ordinary message', () => {
    expect(receipt(STANDARD, 0x00)).toBeUndefined();
  });

  it('accepts receipt-looking text with esm_class 0 when detectByText is set', () => {
    const pdu = { esm_class: 0, short_message: Buffer.from(STANDARD) };
    expect(parseDeliveryReceipt(pdu, { detectByText: true })?.messageId).toBe('0123456789');
    expect(
      parseDeliveryReceipt(
        { esm_class: 0, short_message: Buffer.from('hello: world') },
        { detectByText: true },
      ),
    ).toBeUndefined();
  });

  it('returns undefined when no message id can be found', () => {
    expect(receipt('stat:DELIVRD err:000')).toBeUndefined();
  });

  it('marks an intermediate notification as not final even with a final state', () => {
    expect(receipt('id:1 stat:DELIVRD', 0x20)).toMatchObject({
      intermediate: true,
      final: false,
      state: 'DELIVRD',
    });
  });
});

describe('parseReceiptDate', () => {
  it.each([
    ['2301311200', '2023-01-31T12:00:00.000Z'],
    ['230131120059', '2023-01-31T12:00:59.000Z'],
    ['20230131120059', '2023-01-31T12:00:59.000Z'],
    ['9912312359', '2099-12-31T23:59:00.000Z'],
    [' 2402291200 ', '2024-02-29T12:00:00.000Z'],
    ['19991231235959', '1999-12-31T23:59:59.000Z'],
  ])('reads %s as UTC', (value, iso) => {
    expect(parseReceiptDate(value)?.toISOString()).toBe(iso);
  });

  it.each([
    '',
    '23013112',
    '2302311200',
    '2313011200',
    '2301312400',
    'abcdefghij',
    '2302291200', // 29 February 2023
    '230131120060', // second 60
    '2301311260', // minute 60
    '23013112000', // 11 digits
    '230131 1200',
    '２３０１３１１２００', // full-width digits are not digits here
    '-301311200',
  ])('rejects %j', (value) => {
    expect(parseReceiptDate(value)).toBeUndefined();
  });
});
