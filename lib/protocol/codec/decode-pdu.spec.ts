import { describe, it, expect } from '@jest/globals';
import { CommandId } from '../command-ids.js';
import { CommandStatus } from '../command-status.js';
import { PduDecodeError } from '../errors/pdu-decode.error.js';
import type { AnyPduInput, CommandName } from '../pdu.types.js';
import { decodePdu, decodePduInterpreted } from './decode-pdu.js';
import { encodePdu } from './encode-pdu.js';
import { PDU_SCHEMAS } from './pdu-schemas.js';

/** Body part helpers: a C-Octet String, raw octets, a TLV. */
const cs = (s: string): Buffer => Buffer.from(`${s}\0`, 'latin1');
const oct = (...bytes: number[]): Buffer => Buffer.from(bytes);
const tlv = (tag: number, value: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(tag, 0);
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value]);
};

function frame(command: CommandName | number, sequence: number, body: Buffer[] = [], status = 0): Buffer {
  const bodyBytes = Buffer.concat(body);
  const head = Buffer.alloc(16);
  head.writeUInt32BE(16 + bodyBytes.length, 0);
  head.writeUInt32BE(typeof command === 'number' ? command : CommandId[command], 4);
  head.writeUInt32BE(status, 8);
  head.writeUInt32BE(sequence, 12);
  return Buffer.concat([head, bodyBytes]);
}

function decodeError(bytes: Buffer): PduDecodeError {
  try {
    decodePdu(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(PduDecodeError);
    return error as PduDecodeError;
  }
  throw new Error('expected a PduDecodeError');
}

const smBody = (sm: Buffer): Buffer[] => [
  cs('CMT'),
  oct(5, 0),
  cs('ACME'),
  oct(1, 1),
  cs('447700900123'),
  oct(0x40, 0, 1),
  cs(''),
  cs('000001000000000R'),
  oct(1, 0, 8, 0, sm.length),
  sm,
];

describe('decodePdu: every PDU type from its wire bytes', () => {
  it.each([
    'generic_nack',
    'unbind',
    'unbind_resp',
    'enquire_link',
    'enquire_link_resp',
    'cancel_sm_resp',
    'replace_sm_resp',
    'cancel_broadcast_sm_resp',
  ] as const)('decodes header-only %s (§3.2)', (command) => {
    expect(decodePdu(frame(command, 9))).toEqual({ command, command_status: 0, sequence_number: 9 });
  });

  it.each(['bind_transmitter', 'bind_receiver', 'bind_transceiver'] as const)(
    'decodes %s (Table 4-1)',
    (command) => {
      const bytes = frame(command, 1, [cs('sys'), cs('secret'), cs('VMA'), oct(0x34, 1, 1), cs('^44')]);
      expect(decodePdu(bytes)).toEqual({
        command,
        command_status: 0,
        sequence_number: 1,
        system_id: 'sys',
        password: 'secret',
        system_type: 'VMA',
        interface_version: 0x34,
        addr_ton: 1,
        addr_npi: 1,
        address_range: '^44',
      });
    },
  );

  it.each(['bind_transmitter_resp', 'bind_receiver_resp', 'bind_transceiver_resp'] as const)(
    'decodes %s with sc_interface_version (§4.1.2)',
    (command) => {
      expect(decodePdu(frame(command, 1, [cs('SMSC'), tlv(0x0210, oct(0x34))]))).toEqual({
        command,
        command_status: 0,
        sequence_number: 1,
        system_id: 'SMSC',
        tlvs: { sc_interface_version: 0x34 },
      });
    },
  );

  it('decodes outbind (§4.1.7)', () => {
    expect(decodePdu(frame('outbind', 3, [cs('SMSC'), cs('pw')]))).toMatchObject({
      system_id: 'SMSC',
      password: 'pw',
    });
  });

  it.each(['submit_sm', 'deliver_sm'] as const)('decodes %s in Table 4-10/4-18 order', (command) => {
    const sm = Buffer.from([0x05, 0x00, 0x03, 0x01, 0x02, 0x01, 0x00, 0x41]); // UDH + "@A" in GSM
    expect(decodePdu(frame(command, 77, smBody(sm)))).toEqual({
      command,
      command_status: 0,
      sequence_number: 77,
      service_type: 'CMT',
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'ACME',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900123',
      esm_class: 0x40,
      protocol_id: 0,
      priority_flag: 1,
      schedule_delivery_time: '',
      validity_period: '000001000000000R',
      registered_delivery: 1,
      replace_if_present_flag: 0,
      data_coding: 8,
      sm_default_msg_id: 0,
      short_message: sm,
    });
  });

  it('keeps a 0x00 octet (GSM "@") inside short_message: it is an Octet String, not a C string (§5.2.22)', () => {
    const pdu = decodePdu(frame('submit_sm', 1, smBody(Buffer.from([0x00, 0x00, 0x41]))));
    expect(pdu.command === 'submit_sm' && [...pdu.short_message]).toEqual([0, 0, 0x41]);
  });

  it.each([
    'submit_sm_resp',
    'deliver_sm_resp',
    'data_sm_resp',
    'broadcast_sm_resp',
    'query_broadcast_sm_resp',
  ] as const)('decodes %s with its message_id', (command) => {
    expect(decodePdu(frame(command, 4, [cs('0af3')]))).toEqual({
      command,
      command_status: 0,
      sequence_number: 4,
      message_id: '0af3',
    });
  });

  it('decodes submit_multi with SME and distribution-list destinations (§4.5.1)', () => {
    const bytes = frame('submit_multi', 5, [
      cs(''),
      oct(1, 1),
      cs('1'),
      oct(2),
      oct(1, 1, 1),
      cs('2'),
      oct(2),
      cs('friends'),
      oct(0, 0, 0),
      cs(''),
      cs(''),
      oct(0, 0, 0, 0, 2),
      Buffer.from('hi'),
    ]);
    expect(decodePdu(bytes)).toMatchObject({
      command: 'submit_multi',
      source_addr: '1',
      dest_addresses: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '2' },
        { dest_flag: 2, dl_name: 'friends' },
      ],
      short_message: Buffer.from('hi'),
    });
  });

  it('decodes submit_multi_resp with its unsuccess_sme list (§4.5.2)', () => {
    const bytes = frame('submit_multi_resp', 5, [cs('id'), oct(1, 1, 1), cs('2'), oct(0, 0, 0, 0x0b)]);
    expect(decodePdu(bytes)).toEqual({
      command: 'submit_multi_resp',
      command_status: 0,
      sequence_number: 5,
      message_id: 'id',
      unsuccess_sme: [{ dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '2', error_status_code: 0x0b }],
    });
  });

  it('decodes data_sm with message_payload (§4.7.1)', () => {
    const payload = Buffer.alloc(600, 0x41);
    const bytes = frame('data_sm', 6, [
      cs(''),
      oct(1, 1),
      cs('1'),
      oct(1, 1),
      cs('2'),
      oct(0, 1, 0),
      tlv(0x0424, payload),
    ]);
    expect(decodePdu(bytes)).toMatchObject({
      command: 'data_sm',
      registered_delivery: 1,
      tlvs: { message_payload: payload },
    });
  });

  it('decodes query_sm and query_sm_resp (§4.8)', () => {
    expect(decodePdu(frame('query_sm', 7, [cs('m1'), oct(1, 1), cs('123')]))).toMatchObject({
      message_id: 'm1',
      source_addr: '123',
    });
    expect(decodePdu(frame('query_sm_resp', 7, [cs('m1'), cs(''), oct(2, 0)]))).toEqual({
      command: 'query_sm_resp',
      command_status: 0,
      sequence_number: 7,
      message_id: 'm1',
      final_date: '',
      message_state: 2,
      error_code: 0,
    });
  });

  it('decodes cancel_sm and replace_sm (§4.9, §4.10)', () => {
    expect(
      decodePdu(frame('cancel_sm', 8, [cs(''), cs('m1'), oct(1, 1), cs('1'), oct(1, 1), cs('2')])),
    ).toMatchObject({
      command: 'cancel_sm',
      message_id: 'm1',
      destination_addr: '2',
    });
    expect(
      decodePdu(
        frame('replace_sm', 8, [
          cs('m1'),
          oct(1, 1),
          cs('1'),
          cs(''),
          cs(''),
          oct(1, 0, 3),
          Buffer.from('new'),
        ]),
      ),
    ).toMatchObject({
      command: 'replace_sm',
      registered_delivery: 1,
      short_message: Buffer.from('new'),
    });
  });

  it('decodes alert_notification (§4.12.1)', () => {
    expect(
      decodePdu(
        frame('alert_notification', 9, [oct(1, 1), cs('1'), oct(1, 1), cs('2'), tlv(0x0422, oct(0))]),
      ),
    ).toEqual({
      command: 'alert_notification',
      command_status: 0,
      sequence_number: 9,
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '1',
      esme_addr_ton: 1,
      esme_addr_npi: 1,
      esme_addr: '2',
      tlvs: { ms_availability_status: 0 },
    });
  });

  it('decodes the v5.0 broadcast operations', () => {
    const area = Buffer.from([0x00, 0x41]);
    expect(
      decodePdu(
        frame('broadcast_sm', 1, [
          cs(''),
          oct(1, 1),
          cs('1'),
          cs('ref'),
          oct(0),
          cs(''),
          cs(''),
          oct(0, 0, 0),
          tlv(0x0606, area),
          tlv(0x0601, oct(0, 0, 1)),
          tlv(0x0604, oct(0, 2)),
          tlv(0x0605, oct(9, 0, 1)),
        ]),
      ),
    ).toMatchObject({
      command: 'broadcast_sm',
      message_id: 'ref',
      tlvs: { broadcast_area_identifier: area, broadcast_content_type: oct(0, 0, 1), broadcast_rep_num: 2 },
    });
    expect(decodePdu(frame('query_broadcast_sm', 2, [cs('ref'), oct(1, 1), cs('1')]))).toMatchObject({
      message_id: 'ref',
    });
    expect(decodePdu(frame('cancel_broadcast_sm', 3, [cs(''), cs('ref'), oct(1, 1), cs('1')]))).toMatchObject(
      { message_id: 'ref' },
    );
  });

  it('gives the same result with the interpreted reference reader for every command', () => {
    for (const command of Object.keys(PDU_SCHEMAS) as CommandName[]) {
      const bytes =
        command === 'submit_multi'
          ? encodePdu({ command, dest_addresses: [{ dest_flag: 2, dl_name: 'x' }], tlvs: { sms_signal: 3 } })
          : encodePdu({ command, sequence_number: 3, tlvs: { congestion_state: 50 } } as AnyPduInput);
      expect(decodePdu(bytes)).toEqual(decodePduInterpreted(bytes));
    }
  });
});

describe('decodePdu: responses with an error status and no body', () => {
  it.each([
    'submit_sm_resp',
    'bind_transmitter_resp',
    'bind_transceiver_resp',
    'data_sm_resp',
    'query_sm_resp',
    'submit_multi_resp',
  ] as const)('decodes an empty-body %s with NULL fields', (command) => {
    const pdu = decodePdu(frame(command, 12, [], CommandStatus.ESME_RTHROTTLED));
    expect(pdu).toMatchObject({ command, command_status: 0x58, sequence_number: 12 });
    for (const field of PDU_SCHEMAS[command].fields) {
      expect((pdu as unknown as Record<string, unknown>)[field.name]).toEqual(
        field.kind === 'int8' ? 0 : field.kind === 'unsuccess_sme' ? [] : '',
      );
    }
    expect(pdu.tlvs).toBeUndefined();
  });

  it('still requires the body of a successful response', () => {
    const error = decodeError(frame('submit_sm_resp', 12));
    expect(error.rule).toBe('truncated-body');
    expect(error.field).toBe('message_id');
  });
});

describe('decodePdu: optional parameters (§5.3)', () => {
  const receiptBody = smBody(Buffer.from('id:1 stat:DELIVRD'));

  it('accepts TLVs in any order (§5.3.1)', () => {
    const a = decodePdu(
      frame('deliver_sm', 1, [...receiptBody, tlv(0x001e, cs('abc')), tlv(0x0427, oct(2))]),
    );
    const b = decodePdu(
      frame('deliver_sm', 1, [...receiptBody, tlv(0x0427, oct(2)), tlv(0x001e, cs('abc'))]),
    );
    expect(a.tlvs).toEqual({ receipted_message_id: 'abc', message_state: 2 });
    expect(b.tlvs).toEqual(a.tlvs);
  });

  it('omits tlvs when the PDU has none', () => {
    expect('tlvs' in decodePdu(frame('deliver_sm', 1, receiptBody))).toBe(false);
  });

  it('keeps unknown and vendor tags raw, in order, and re-encodes them byte for byte', () => {
    const bytes = frame('deliver_sm', 1, [
      ...receiptBody,
      tlv(0x1401, oct(1, 2, 3)),
      tlv(0x0427, oct(2)),
      tlv(0x0700, oct()),
      tlv(0x2150, cs('v')),
    ]);
    const pdu = decodePdu(bytes);
    expect(pdu.tlvs).toEqual({
      message_state: 2,
      unknown: [
        { tag: 0x1401, value: oct(1, 2, 3) },
        { tag: 0x0700, value: oct() },
        { tag: 0x2150, value: cs('v') },
      ],
    });
    const again = encodePdu(pdu);
    expect(decodePdu(again)).toEqual(pdu);
    for (const raw of pdu.tlvs!.unknown!) expect(again.includes(tlv(raw.tag, raw.value))).toBe(true);
  });

  it('keeps a repeated known tag after the first in tlvs.unknown, so nothing is lost', () => {
    const pdu = decodePdu(
      frame('submit_sm', 1, [
        ...receiptBody,
        tlv(0x0381, oct(1, 1, 1, 0x31)),
        tlv(0x0381, oct(1, 1, 1, 0x32)),
      ]),
    );
    expect(pdu.tlvs).toEqual({
      callback_num: oct(1, 1, 1, 0x31),
      unknown: [{ tag: 0x0381, value: oct(1, 1, 1, 0x32) }],
    });
  });

  it('accepts a receipted_message_id without its NUL, as some SMSCs send it', () => {
    const pdu = decodePdu(frame('deliver_sm', 1, [...receiptBody, tlv(0x001e, Buffer.from('abc'))]));
    expect(pdu.tlvs).toEqual({ receipted_message_id: 'abc' });
  });

  it('returns copies: changing the frame afterwards does not change the PDU', () => {
    const bytes = frame('deliver_sm', 1, [
      ...smBody(Buffer.from('hi')),
      tlv(0x0424, oct()),
      tlv(0x1400, oct(7)),
    ]);
    const pdu = decodePdu(bytes);
    bytes.fill(0);
    expect(pdu.command === 'deliver_sm' && pdu.short_message.toString()).toBe('hi');
    expect(pdu.tlvs?.unknown).toEqual([{ tag: 0x1400, value: oct(7) }]);
  });
});

describe('decodePdu errors: a PduDecodeError with the status to answer with', () => {
  it('reports an unknown command_id with ESME_RINVCMDID and the sequence number (§4.3)', () => {
    const error = decodeError(frame(0x00000104, 4242));
    expect(error.rule).toBe('unknown-command-id');
    expect(error.status).toBe(CommandStatus.ESME_RINVCMDID);
    expect(error.commandId).toBe(0x104);
    expect(error.sequenceNumber).toBe(4242);
    expect(error.name).toBe('PduDecodeError');
  });

  it('reports a command_length that disagrees with the frame as ESME_RINVCMDLEN (§3.2.2)', () => {
    const bytes = frame('enquire_link', 1);
    bytes.writeUInt32BE(20, 0);
    expect(decodeError(bytes)).toMatchObject({
      rule: 'command-length',
      status: CommandStatus.ESME_RINVCMDLEN,
      sequenceNumber: 1,
    });
    expect(decodeError(Buffer.alloc(10))).toMatchObject({
      rule: 'command-length',
      status: CommandStatus.ESME_RINVCMDLEN,
    });
  });

  it('reports a body cut short by command_length as ESME_RINVMSGLEN', () => {
    const full = frame('submit_sm', 3, smBody(Buffer.from('hello')));
    const cut = Buffer.from(full.subarray(0, 40));
    cut.writeUInt32BE(40, 0);
    const error = decodeError(cut);
    expect(error).toMatchObject({ status: CommandStatus.ESME_RINVMSGLEN, sequenceNumber: 3, commandId: 4 });
    expect(['truncated-body', 'missing-nul']).toContain(error.rule);
  });

  it('reports a C-Octet String without NUL before the end of the body (§3.1)', () => {
    const error = decodeError(frame('submit_sm_resp', 3, [Buffer.from('abc')]));
    expect(error).toMatchObject({ rule: 'missing-nul', field: 'message_id', offset: 16 });
  });

  it('reports an sm_length that runs past the body (§5.2.21)', () => {
    const body = smBody(Buffer.from('hello'));
    const bytes = frame('submit_sm', 3, body);
    bytes[bytes.length - 6] = 200; // sm_length
    expect(decodeError(bytes)).toMatchObject({ rule: 'sm-length', status: CommandStatus.ESME_RINVMSGLEN });
  });

  it('reports a TLV whose length overruns the body as ESME_RINVOPTPARSTREAM (§5.3.1)', () => {
    const bad = Buffer.concat([tlv(0x0427, oct(2)).subarray(0, 2), oct(0, 9), oct(2)]);
    expect(decodeError(frame('deliver_sm_resp', 1, [cs(''), bad]))).toMatchObject({
      rule: 'tlv-length',
      status: CommandStatus.ESME_RINVOPTPARSTREAM,
    });
  });

  it('reports trailing octets too short for a TLV header as ESME_RINVOPTPARSTREAM', () => {
    expect(decodeError(frame('enquire_link', 1, [oct(0, 1)]))).toMatchObject({
      rule: 'tlv-header',
      offset: 16,
    });
  });

  it('reports an integer TLV of the wrong length as ESME_RINVPARLEN', () => {
    expect(decodeError(frame('submit_sm_resp', 1, [cs('x'), tlv(0x0427, oct(0, 2))]))).toMatchObject({
      rule: 'tlv-value',
      status: CommandStatus.ESME_RINVPARLEN,
      field: 'message_state',
    });
  });

  it('reports a submit_multi dest_flag other than 1 or 2 as ESME_RINVDESTFLAG (§5.2.25)', () => {
    expect(decodeError(frame('submit_multi', 1, [cs(''), oct(1, 1), cs('1'), oct(1, 3)]))).toMatchObject({
      rule: 'dest-flag',
      status: CommandStatus.ESME_RINVDESTFLAG,
    });
  });
});
