import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CommandStatus, decodePdu, encodePdu, type SubmitSm } from '../../protocol/index.js';
import { scanSubmitSm } from './scan-submit-sm.js';
import { validateSubmit } from './validate-submit.js';

const plain = (extra: Partial<SubmitSm> = {}): Buffer =>
  encodePdu({
    command: 'submit_sm',
    sequence_number: 7,
    source_addr: 'ACME',
    destination_addr: '447700900123',
    short_message: Buffer.from('hello'),
    ...extra,
  });

describe('scanSubmitSm (the submit_sm fast path)', () => {
  it('returns registered_delivery of a plain submit_sm', () => {
    expect(scanSubmitSm(plain())).toBe(0);
    expect(scanSubmitSm(plain({ registered_delivery: 1 }))).toBe(1);
    expect(scanSubmitSm(plain({ short_message: Buffer.alloc(254, 0x41) }))).toBe(0);
    expect(scanSubmitSm(plain({ short_message: Buffer.alloc(0) }))).toBe(0);
  });

  it.each([
    ['TLVs are present', plain({ tlvs: { user_message_reference: 1 } })],
    ['schedule_delivery_time is set', plain({ schedule_delivery_time: '250101120000000+' })],
    ['validity_period is set', plain({ validity_period: '000001000000000R' })],
    ['destination_addr is empty', plain({ destination_addr: '' })],
    ['registered_delivery uses the reserved value 3', plain({ registered_delivery: 3 })],
    ['priority_flag is above 3', plain({ priority_flag: 4 })],
    ['the body is cut short', plain().subarray(0, 30)],
  ])('leaves the frame to the full decoder when %s', (_, frame) => {
    expect(scanSubmitSm(frame)).toBe(-1);
  });

  it('only accepts frames the decoder accepts, with the same registered_delivery and no validation error', () => {
    const submit = fc.record({
      service_type: fc.string({ maxLength: 7 }).map((s) => s.replace(/\0/g, '')),
      source_addr: fc.string({ maxLength: 22 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      destination_addr: fc.string({ maxLength: 22 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      priority_flag: fc.integer({ min: 0, max: 5 }),
      registered_delivery: fc.integer({ min: 0, max: 255 }),
      short_message: fc.uint8Array({ maxLength: 254 }).map((a) => Buffer.from(a)),
    });
    const mutation = fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { nil: undefined });
    let fastAccepted = 0;
    fc.assert(
      fc.property(submit, mutation, (fields, mutate) => {
        let frame: Buffer;
        try {
          frame = encodePdu({ command: 'submit_sm', sequence_number: 1, ...fields });
        } catch {
          return; // the encoder refuses fields beyond the spec's limits
        }
        if (mutate !== undefined) frame[16 + (mutate[0] % (frame.length - 16))] = mutate[1];
        const registeredDelivery = scanSubmitSm(frame);
        if (registeredDelivery < 0) return;
        fastAccepted++;
        const pdu = decodePdu(frame);
        expect(pdu.command).toBe('submit_sm');
        if (pdu.command !== 'submit_sm') return;
        expect(pdu.registered_delivery).toBe(registeredDelivery);
        expect(validateSubmit(pdu)).toBe(CommandStatus.ESME_ROK);
      }),
      { numRuns: 3000 },
    );
    expect(fastAccepted).toBeGreaterThan(100);
  });
});
