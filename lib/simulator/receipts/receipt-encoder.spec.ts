import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { encodePdu } from '../../protocol/index.js';
import { decodeStored } from '../store/stored-message-operations.js';
import { buildReceipt } from './build-receipt.js';
import { ReceiptEncoder } from './receipt-encoder.js';
import { RECEIPT_STATE_NAMES } from './receipt-state.js';

/** The general path the encoder stands in for. */
function slowReceipt(
  frame: Buffer,
  messageId: string,
  stateIndex: number,
  submittedAt: number,
  doneAt: number,
  sequence: number,
): Buffer {
  const pdu = buildReceipt(decodeStored(frame), {
    messageId,
    state: RECEIPT_STATE_NAMES[stateIndex],
    submittedAt,
    doneAt,
  });
  return encodePdu({ ...pdu, sequence_number: sequence });
}

function fastReceipt(
  encoder: ReceiptEncoder,
  frame: Buffer,
  messageId: string,
  stateIndex: number,
  submittedAt: number,
  doneAt: number,
  sequence: number,
): Buffer | undefined {
  const length = encoder.measure(frame, messageId, stateIndex, submittedAt, doneAt);
  if (length < 0) return undefined;
  // Written at an offset into a dirty buffer, as the connection's output buffer is.
  const buf = Buffer.alloc(length + 7, 0xee);
  const end = encoder.write(buf, 3, length, sequence);
  expect(end).toBe(3 + length);
  return buf.subarray(3, 3 + length);
}

const address = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789+ABCxyz'.split('')), maxLength: max });

const submit = fc.record({
  source_addr_ton: fc.integer({ min: 0, max: 6 }),
  source_addr_npi: fc.integer({ min: 0, max: 18 }),
  source_addr: address(20),
  dest_addr_ton: fc.integer({ min: 0, max: 6 }),
  dest_addr_npi: fc.integer({ min: 0, max: 18 }),
  destination_addr: address(20).filter((a) => a.length > 0),
  esm_class: fc.constantFrom(0, 0, 0, 0x40, 0x03),
  protocol_id: fc.constantFrom(0, 0x7f),
  priority_flag: fc.integer({ min: 0, max: 3 }),
  registered_delivery: fc.constantFrom(1, 2, 0x11),
  data_coding: fc.constantFrom(0, 0, 0, 0, 1, 3, 8),
  short_message: fc.oneof(
    fc.uint8Array({ maxLength: 160 }),
    fc.uint8Array({ maxLength: 60 }).map((a) => a.map((b) => b & 0x7f)),
    fc.string({ maxLength: 40 }).map((s) => new Uint8Array(Buffer.from(s, 'latin1').map((b) => b & 0x7f))),
  ),
});

describe('ReceiptEncoder', () => {
  it('writes the same octets as buildReceipt + encodePdu, or declines', () => {
    const encoder = new ReceiptEncoder();
    let fast = 0;
    fc.assert(
      fc.property(
        submit,
        fc.integer({ min: 0, max: 0xffffffff }).map(String),
        fc.integer({ min: 0, max: RECEIPT_STATE_NAMES.length - 1 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        (fields, messageId, stateIndex, submittedAt, delay, sequence) => {
          const frame = encodePdu({
            command: 'submit_sm',
            sequence_number: 9,
            ...fields,
            short_message: Buffer.from(fields.short_message),
          });
          const doneAt = submittedAt + delay;
          const got = fastReceipt(encoder, frame, messageId, stateIndex, submittedAt, doneAt, sequence);
          if (got === undefined) return;
          fast++;
          expect(got.toString('hex')).toBe(
            slowReceipt(frame, messageId, stateIndex, submittedAt, doneAt, sequence).toString('hex'),
          );
        },
      ),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('takes the common submit: GSM text, no UDH, no TLVs', () => {
    const frame = encodePdu({
      command: 'submit_sm',
      sequence_number: 1,
      source_addr_ton: 5,
      source_addr: 'BENCH',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900123',
      registered_delivery: 1,
      short_message: Buffer.from('Your code is 123456, valid for 10 minutes @ ACME'),
    });
    const encoder = new ReceiptEncoder();
    const got = fastReceipt(encoder, frame, '1000042', 0, 1_765_000_000_000, 1_765_000_000_000, 77);
    expect(got?.toString('hex')).toBe(
      slowReceipt(frame, '1000042', 0, 1_765_000_000_000, 1_765_000_000_000, 77).toString('hex'),
    );
  });

  it('declines what only the general path handles: TLVs, UDH, other data_codings, an ESC in the quote', () => {
    const encoder = new ReceiptEncoder();
    const base = {
      command: 'submit_sm',
      sequence_number: 1,
      destination_addr: '447700900123',
      registered_delivery: 1,
      short_message: Buffer.from('hello'),
    } as const;
    const declined = (extra: object): boolean =>
      encoder.measure(encodePdu({ ...base, ...extra }), '1', 0, 0, 0) === -1;
    expect(declined({})).toBe(false);
    expect(declined({ tlvs: { user_message_reference: 7 } })).toBe(true);
    expect(declined({ esm_class: 0x40, short_message: Buffer.from([5, 0, 3, 1, 2, 1, 0x41]) })).toBe(true);
    expect(declined({ data_coding: 8, short_message: Buffer.from([0, 0x41]) })).toBe(true);
    expect(declined({ short_message: Buffer.from([0x41, 0x1b, 0x65]) })).toBe(true);
    expect(declined({ short_message: Buffer.from('x'.repeat(20) + '\u001b\u0065', 'latin1') })).toBe(false);
  });
});
