import { describe, it, expect } from '@jest/globals';
import { PduEncodeError } from '../errors/pdu-encode.error.js';
import type { AnyPduInput } from '../pdu.types.js';
import { encodePdu } from './encode-pdu.js';

const hex = (b: Buffer): string => b.toString('hex');

function encodeError(pdu: AnyPduInput): PduEncodeError {
  try {
    encodePdu(pdu);
  } catch (error) {
    if (error instanceof PduEncodeError) return error;
    throw error;
  }
  throw new Error('expected a PduEncodeError');
}

describe('encodePdu wire layout', () => {
  it('writes a header-only enquire_link as 16 octets: length, id, status, sequence (§3.2, §4.11.1)', () => {
    expect(hex(encodePdu({ command: 'enquire_link', sequence_number: 1 }))).toBe(
      '00000010' + '00000015' + '00000000' + '00000001',
    );
  });

  it('defaults command_status and sequence_number to 0', () => {
    expect(hex(encodePdu({ command: 'unbind_resp' }))).toBe('00000010800000060000000000000000');
  });

  it('writes bind_transmitter fields in Table 4-1 order with C-Octet NULs (§4.1.1)', () => {
    const bytes = encodePdu({
      command: 'bind_transmitter',
      sequence_number: 2,
      system_id: 'sys',
      password: 'pw',
      interface_version: 0x34,
    });
    expect(hex(bytes)).toBe(
      '0000001c' +
        '00000002' +
        '00000000' +
        '00000002' +
        '73797300' +
        '707700' +
        '00' +
        '34' +
        '00' +
        '00' +
        '00',
    );
  });

  it('writes submit_sm with sm_length before short_message, then TLVs (§4.4.1, §5.3.1)', () => {
    const bytes = encodePdu({
      command: 'submit_sm',
      sequence_number: 3,
      source_addr: 'A',
      destination_addr: '12',
      registered_delivery: 1,
      short_message: Buffer.from('hi'),
      tlvs: { user_message_reference: 0x0102 },
    });
    const body = '00' + '00' + '00' + '4100' + '00' + '00' + '313200' + '00' + '00' + '00' + '00' + '00';
    const tail = '01' + '00' + '00' + '00' + '02' + '6869' + '0204' + '0002' + '0102';
    expect(hex(bytes.subarray(16))).toBe(body + tail);
    expect(bytes.readUInt32BE(0)).toBe(bytes.length);
    expect(bytes.readUInt32BE(4)).toBe(0x00000004);
  });

  it('writes submit_multi number_of_dests and dest_flag-tagged entries (§4.5.1)', () => {
    const bytes = encodePdu({
      command: 'submit_multi',
      dest_addresses: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '9' },
        { dest_flag: 2, dl_name: 'L' },
      ],
    });
    // service_type, source ton/npi/addr, then number_of_dests = 2
    expect(hex(bytes.subarray(16, 26))).toBe('00' + '00' + '00' + '00' + '02' + '01010139' + '00');
    expect(hex(bytes.subarray(26, 29))).toBe('024c00');
  });

  it('writes submit_multi_resp no_unsuccess and 4-octet error_status_code (§4.5.2)', () => {
    const bytes = encodePdu({
      command: 'submit_multi_resp',
      message_id: 'm',
      unsuccess_sme: [{ dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '9', error_status_code: 0x0b }],
    });
    expect(hex(bytes.subarray(16))).toBe('6d00' + '01' + '0101' + '3900' + '0000000b');
  });

  it('writes integer TLVs at their fixed size and C-octet TLVs with their NUL (§5.3.2)', () => {
    const bytes = encodePdu({
      command: 'deliver_sm_resp',
      tlvs: { congestion_state: 90, qos_time_to_live: 1, receipted_message_id: 'ab' },
    });
    expect(hex(bytes.subarray(17))).toBe('042800015a' + '0017000400000001' + '001e0003616200');
  });

  it('re-emits unknown and vendor TLVs byte for byte, in order', () => {
    const bytes = encodePdu({
      command: 'enquire_link',
      tlvs: {
        unknown: [
          { tag: 0x1401, value: Buffer.from([9, 8]) },
          { tag: 0x3fff, value: Buffer.alloc(0) },
        ],
      },
    });
    expect(hex(bytes.subarray(16))).toBe('14010002' + '0908' + '3fff0000');
  });

  it('allocates exactly command_length octets', () => {
    const bytes = encodePdu({ command: 'submit_sm', short_message: Buffer.alloc(254) });
    expect(bytes.length).toBe(bytes.readUInt32BE(0));
  });
});

describe('encodePdu validation', () => {
  it('rejects a C-Octet String over its maximum, counting the NUL (§3.1, §5.2.9)', () => {
    const error = encodeError({ command: 'submit_sm', destination_addr: '+44 7700 900 123 456 789' });
    expect(error.field).toBe('destination_addr');
    expect(error.rule).toBe('max-length');
    expect(error.message).toContain('is 24 octets; SMPP 3.4 allows at most 20 (§5.2.9');
    expect(error.message).toContain('without "+" or spaces');
    expect(() => encodePdu({ command: 'submit_sm', destination_addr: '1'.repeat(20) })).not.toThrow();
  });

  it('applies each field its own maximum: system_id 15, password 8, message_id 64 characters', () => {
    expect(encodeError({ command: 'bind_transceiver', system_id: 'x'.repeat(16) }).field).toBe('system_id');
    expect(encodeError({ command: 'bind_transceiver', password: 'x'.repeat(9) }).field).toBe('password');
    expect(encodeError({ command: 'submit_sm_resp', message_id: 'x'.repeat(65) }).field).toBe('message_id');
    expect(() => encodePdu({ command: 'submit_sm_resp', message_id: 'x'.repeat(64) })).not.toThrow();
  });

  it('allows 64-character addresses in data_sm (Table 4-21) but not in submit_sm', () => {
    expect(() => encodePdu({ command: 'data_sm', destination_addr: '1'.repeat(64) })).not.toThrow();
    expect(encodeError({ command: 'submit_sm', source_addr: '1'.repeat(21) }).rule).toBe('max-length');
  });

  it('accepts only ASCII without NUL in C-Octet Strings (§3.1)', () => {
    const error = encodeError({ command: 'submit_sm', source_addr: 'Café' });
    expect(error.rule).toBe('ascii-only');
    expect(error.field).toBe('source_addr');
    expect(encodeError({ command: 'submit_sm', service_type: 'a\0b' }).rule).toBe('ascii-only');
    expect(encodeError({ command: 'deliver_sm', tlvs: { receipted_message_id: 'é' } }).field).toBe(
      'tlvs.receipted_message_id',
    );
  });

  it('rejects short_message of 255 octets (§5.2.21)', () => {
    const error = encodeError({ command: 'submit_sm', short_message: Buffer.alloc(255) });
    expect(error.rule).toBe('short-message-length');
    expect(error.message).toContain('§5.2.21');
  });

  it('rejects short_message together with message_payload (§5.2.21)', () => {
    const error = encodeError({
      command: 'submit_sm',
      short_message: Buffer.from('a'),
      tlvs: { message_payload: Buffer.from('b') },
    });
    expect(error.rule).toBe('short-message-and-payload');
    expect(() =>
      encodePdu({ command: 'submit_sm', tlvs: { message_payload: Buffer.alloc(0xffff) } }),
    ).not.toThrow();
  });

  it('rejects integers outside their field', () => {
    expect(encodeError({ command: 'submit_sm', esm_class: 256 }).rule).toBe('integer-range');
    expect(encodeError({ command: 'submit_sm', data_coding: -1 }).field).toBe('data_coding');
    expect(encodeError({ command: 'submit_sm', priority_flag: 1.5 }).rule).toBe('integer-range');
    expect(encodeError({ command: 'submit_sm', tlvs: { sar_msg_ref_num: 0x10000 } }).field).toBe(
      'tlvs.sar_msg_ref_num',
    );
    expect(encodeError({ command: 'generic_nack', command_status: 2 ** 32 }).field).toBe('command_status');
  });

  it('requires time fields to be empty or exactly 16 characters (§7.1.1)', () => {
    const error = encodeError({ command: 'submit_sm', schedule_delivery_time: '2501011200' });
    expect(error.rule).toBe('time-format');
    expect(error.field).toBe('schedule_delivery_time');
    expect(() => encodePdu({ command: 'submit_sm', validity_period: '000001000000000R' })).not.toThrow();
    expect(encodeError({ command: 'query_sm_resp', final_date: '1' }).field).toBe('final_date');
  });

  it('requires 1 to 254 submit_multi destinations (§5.2.24) with dest_flag 1 or 2 (§5.2.25)', () => {
    expect(encodeError({ command: 'submit_multi' }).rule).toBe('destination-count');
    expect(encodeError({ command: 'submit_multi', dest_addresses: [] }).rule).toBe('destination-count');
    const many = Array.from({ length: 255 }, () => ({ dest_flag: 2 as const, dl_name: 'x' }));
    expect(encodeError({ command: 'submit_multi', dest_addresses: many }).rule).toBe('destination-count');
    expect(() => encodePdu({ command: 'submit_multi', dest_addresses: many.slice(1) })).not.toThrow();
    const bad = [{ dest_flag: 3, dl_name: 'x' }] as unknown as [{ dest_flag: 2; dl_name: string }];
    expect(encodeError({ command: 'submit_multi', dest_addresses: bad }).rule).toBe('dest-flag');
  });

  it('limits sequence_number to 0x7FFFFFFF (§5.1.4)', () => {
    expect(encodeError({ command: 'enquire_link', sequence_number: 0x80000000 }).rule).toBe(
      'sequence-number',
    );
    expect(() => encodePdu({ command: 'enquire_link', sequence_number: 0x7fffffff })).not.toThrow();
  });

  it('checks TLV value lengths against the table (§5.3.2)', () => {
    const error = encodeError({ command: 'deliver_sm', tlvs: { network_error_code: Buffer.from([1, 2]) } });
    expect(error.rule).toBe('tlv-length');
    expect(error.message).toContain('§5.3.2.31');
    expect(encodeError({ command: 'submit_sm', tlvs: { callback_num: Buffer.alloc(3) } }).rule).toBe(
      'tlv-length',
    );
  });

  it('rejects TLV names it does not know, pointing to tlvs.unknown', () => {
    const pdu = { command: 'submit_sm', tlvs: { vendor_thing: 1 } } as unknown as AnyPduInput;
    const error = encodeError(pdu);
    expect(error.rule).toBe('unknown-tlv');
    expect(error.message).toContain('tlvs.unknown');
  });

  it('rejects unknown commands and wrongly typed values', () => {
    expect(encodeError({ command: 'submit_smm' } as unknown as AnyPduInput).rule).toBe('unknown-command');
    expect(encodeError({ command: 'submit_sm', short_message: 'hi' } as unknown as AnyPduInput).rule).toBe(
      'field-type',
    );
  });

  it('is a PduEncodeError with a name, field and rule', () => {
    const error = encodeError({ command: 'submit_sm', esm_class: 300 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PduEncodeError');
    expect(error.command).toBe('submit_sm');
  });
});

describe('encodePdu: error responses', () => {
  it('sends submit_sm_resp and bind_*_resp header-only on error (§4.1.2, §4.4.2)', () => {
    expect(encodePdu({ command: 'submit_sm_resp', command_status: 0x58, sequence_number: 4 }).length).toBe(
      16,
    );
    expect(encodePdu({ command: 'bind_transceiver_resp', command_status: 0x0e, system_id: '' }).length).toBe(
      16,
    );
  });

  it('keeps the body when the error response carries values or TLVs', () => {
    expect(encodePdu({ command: 'submit_sm_resp', command_status: 0x58, message_id: 'x' }).length).toBe(18);
    expect(
      encodePdu({ command: 'submit_sm_resp', command_status: 0x58, tlvs: { congestion_state: 100 } }).length,
    ).toBe(22);
    expect(encodePdu({ command: 'data_sm_resp', command_status: 0xfe }).length).toBe(17);
  });
});
