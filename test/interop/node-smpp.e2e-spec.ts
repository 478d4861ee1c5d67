/**
 * Cross-check with node-smpp 0.5.1 (the `smpp` package): for every PDU type it supports, both codecs
 * produce the same bytes, ours decodes its bytes, and it decodes ours.
 */
import { describe, it, expect } from '@jest/globals';
import { createRequire } from 'node:module';
import { decodePdu, encodePdu, type AnyPduInput, type Pdu } from '../../lib/protocol/index.js';

interface NodeSmppPdu {
  command: string;
  command_status: number;
  sequence_number: number;
  toBuffer(): Buffer;
  [field: string]: unknown;
}
interface NodeSmpp {
  PDU: {
    new (command: string, options: Record<string, unknown>): NodeSmppPdu;
    fromBuffer(b: Buffer): NodeSmppPdu | false;
  };
}
const smpp = createRequire(import.meta.url)('smpp') as NodeSmpp;

interface Case {
  name: string;
  ours: AnyPduInput;
  theirs: Record<string, unknown>;
  /** node-smpp's TLV names where they differ from ours. */
  theirTlvNames?: Record<string, string>;
}

const sm = Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x02, 0x01, 0x48, 0x00, 0x69]); // UDH + "H@i"
const payload = Buffer.alloc(600, 0x61);
const binary = 4; // data_coding 0x04: node-smpp then leaves the octets as they are

const bind = {
  system_id: 'esme01',
  password: 'secret',
  system_type: 'VMA',
  interface_version: 0x34,
  addr_ton: 1,
  addr_npi: 1,
  address_range: '^44',
};
const submit = {
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
  validity_period: '',
  registered_delivery: 1,
  replace_if_present_flag: 0,
  data_coding: binary,
  sm_default_msg_id: 0,
  short_message: sm,
};

const cases: Case[] = [
  ...(['bind_transmitter', 'bind_receiver', 'bind_transceiver'] as const).map((command) => ({
    name: command,
    ours: { command, sequence_number: 1, ...bind },
    theirs: { sequence_number: 1, ...bind },
  })),
  ...(['bind_transmitter_resp', 'bind_receiver_resp', 'bind_transceiver_resp'] as const).map((command) => ({
    name: command,
    ours: { command, sequence_number: 1, system_id: 'SMSC', tlvs: { sc_interface_version: 0x34 } },
    theirs: { sequence_number: 1, system_id: 'SMSC', sc_interface_version: 0x34 },
  })),
  {
    name: 'outbind',
    ours: { command: 'outbind', sequence_number: 2, system_id: 'SMSC', password: 'pw' },
    theirs: { sequence_number: 2, system_id: 'SMSC', password: 'pw' },
  },
  ...(
    [
      'unbind',
      'unbind_resp',
      'enquire_link',
      'enquire_link_resp',
      'cancel_sm_resp',
      'replace_sm_resp',
      'cancel_broadcast_sm_resp',
    ] as const
  ).map((command) => ({
    name: command,
    ours: { command, sequence_number: 3 },
    theirs: { sequence_number: 3 },
  })),
  {
    name: 'generic_nack with ESME_RINVCMDID',
    ours: { command: 'generic_nack', command_status: 3, sequence_number: 4 },
    theirs: { command_status: 3, sequence_number: 4 },
  },
  {
    name: 'submit_sm with SAR and port TLVs',
    ours: {
      command: 'submit_sm',
      sequence_number: 5,
      ...submit,
      tlvs: {
        sar_msg_ref_num: 42,
        sar_total_segments: 2,
        sar_segment_seqnum: 1,
        source_port: 1,
        destination_port: 2,
      },
    },
    theirs: {
      sequence_number: 5,
      ...submit,
      sar_msg_ref_num: 42,
      sar_total_segments: 2,
      sar_segment_seqnum: 1,
      source_port: 1,
      dest_port: 2,
    },
    theirTlvNames: { destination_port: 'dest_port' },
  },
  {
    name: 'submit_sm with message_payload and a validity period',
    ours: {
      command: 'submit_sm',
      sequence_number: 6,
      ...submit,
      validity_period: '250101120000000+',
      short_message: Buffer.alloc(0),
      tlvs: { message_payload: payload },
    },
    theirs: {
      sequence_number: 6,
      ...submit,
      validity_period: '250101120000000+',
      short_message: Buffer.alloc(0),
      message_payload: payload,
    },
  },
  {
    name: 'deliver_sm delivery receipt with TLVs',
    ours: {
      command: 'deliver_sm',
      sequence_number: 7,
      ...submit,
      esm_class: 0x04,
      short_message: Buffer.from('id:abc sub:001 dlvrd:001 stat:DELIVRD err:000'),
      tlvs: { receipted_message_id: 'abc', message_state: 2, network_error_code: Buffer.from([3, 0, 0]) },
    },
    theirs: {
      sequence_number: 7,
      ...submit,
      esm_class: 0x04,
      short_message: Buffer.from('id:abc sub:001 dlvrd:001 stat:DELIVRD err:000'),
      receipted_message_id: 'abc',
      message_state: 2,
      network_error_code: Buffer.from([3, 0, 0]),
    },
  },
  ...(
    [
      'submit_sm_resp',
      'deliver_sm_resp',
      'data_sm_resp',
      'broadcast_sm_resp',
      'query_broadcast_sm_resp',
    ] as const
  ).map((command) => ({
    name: command,
    ours: { command, sequence_number: 8, message_id: '0af3' },
    theirs: { sequence_number: 8, message_id: '0af3' },
  })),
  {
    name: 'submit_multi',
    ours: {
      command: 'submit_multi',
      sequence_number: 9,
      source_addr: 'ACME',
      dest_addresses: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123' },
        { dest_flag: 2, dl_name: 'friends' },
      ],
      data_coding: binary,
      short_message: sm,
    },
    theirs: {
      sequence_number: 9,
      source_addr: 'ACME',
      dest_address: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123' },
        { dl_name: 'friends' },
      ],
      data_coding: binary,
      short_message: sm,
    },
  },
  {
    name: 'submit_multi_resp',
    ours: {
      command: 'submit_multi_resp',
      sequence_number: 10,
      message_id: 'm1',
      unsuccess_sme: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123', error_status_code: 0x0b },
      ],
    },
    theirs: {
      sequence_number: 10,
      message_id: 'm1',
      unsuccess_sme: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123', error_status_code: 0x0b },
      ],
    },
  },
  {
    name: 'data_sm',
    ours: {
      command: 'data_sm',
      sequence_number: 11,
      source_addr: 'ACME',
      destination_addr: '447700900123',
      registered_delivery: 1,
      data_coding: binary,
      tlvs: { message_payload: payload, qos_time_to_live: 3600 },
    },
    theirs: {
      sequence_number: 11,
      source_addr: 'ACME',
      destination_addr: '447700900123',
      registered_delivery: 1,
      data_coding: binary,
      message_payload: payload,
      qos_time_to_live: 3600,
    },
  },
  {
    name: 'query_sm',
    ours: { command: 'query_sm', sequence_number: 12, message_id: 'm1', source_addr: 'ACME' },
    theirs: { sequence_number: 12, message_id: 'm1', source_addr: 'ACME' },
  },
  {
    name: 'query_sm_resp',
    ours: {
      command: 'query_sm_resp',
      sequence_number: 12,
      message_id: 'm1',
      message_state: 2,
      error_code: 0,
    },
    theirs: { sequence_number: 12, message_id: 'm1', message_state: 2, error_code: 0 },
  },
  {
    name: 'cancel_sm',
    ours: {
      command: 'cancel_sm',
      sequence_number: 13,
      message_id: 'm1',
      source_addr: 'A',
      destination_addr: '1',
    },
    theirs: { sequence_number: 13, message_id: 'm1', source_addr: 'A', destination_addr: '1' },
  },
  {
    name: 'replace_sm',
    ours: {
      command: 'replace_sm',
      sequence_number: 14,
      message_id: 'm1',
      source_addr: 'A',
      short_message: sm,
    },
    theirs: { sequence_number: 14, message_id: 'm1', source_addr: 'A', short_message: sm },
  },
  {
    name: 'alert_notification',
    ours: {
      command: 'alert_notification',
      sequence_number: 15,
      source_addr: '447700900123',
      esme_addr: 'ACME',
      tlvs: { ms_availability_status: 0 },
    },
    theirs: {
      sequence_number: 15,
      source_addr: '447700900123',
      esme_addr: 'ACME',
      ms_availability_status: 0,
    },
  },
  {
    name: 'broadcast_sm',
    ours: {
      command: 'broadcast_sm',
      sequence_number: 16,
      source_addr: 'ACME',
      message_id: 'b1',
      data_coding: binary,
    },
    theirs: { sequence_number: 16, source_addr: 'ACME', message_id: 'b1', data_coding: binary },
  },
  {
    name: 'query_broadcast_sm',
    ours: { command: 'query_broadcast_sm', sequence_number: 17, message_id: 'b1', source_addr: 'ACME' },
    theirs: { sequence_number: 17, message_id: 'b1', source_addr: 'ACME' },
  },
  {
    name: 'cancel_broadcast_sm',
    ours: { command: 'cancel_broadcast_sm', sequence_number: 18, message_id: 'b1', source_addr: 'ACME' },
    theirs: { sequence_number: 18, message_id: 'b1', source_addr: 'ACME' },
  },
];

/** Puts node-smpp's decoded value back in our representation. */
function theirView(value: unknown): unknown {
  if (value instanceof Date) {
    // node-smpp turns absolute times into Dates: back to YYMMDDhhmmss + "000+" (UTC, §7.1.1).
    return `${value.toISOString().replace(/[-:T]/g, '').slice(2, 14)}000+`;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && 'message' in value) {
    const { udh, message } = value as { udh?: Buffer[]; message: Buffer };
    if (udh === undefined) return message;
    // node-smpp splits a UDHI short_message into its information elements and the text.
    const ies = Buffer.concat(udh);
    return Buffer.concat([Buffer.from([ies.length]), ies, message]);
  }
  return value;
}

function ourFieldsAsTheirs(pdu: Pdu, tlvNames: Record<string, string> = {}): Record<string, unknown> {
  const { command: _c, tlvs, ...rest } = pdu as Pdu & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if ('dest_addresses' in out) {
    out.dest_address = (out.dest_addresses as Record<string, unknown>[]).map(({ dest_flag: _f, ...d }) => d);
    delete out.dest_addresses;
  }
  for (const [name, value] of Object.entries(tlvs ?? {})) out[tlvNames[name] ?? name] = value;
  return out;
}

describe('interop with node-smpp 0.5.1', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: same bytes from both encoders', (_name, c) => {
    const theirs = new smpp.PDU(c.ours.command, c.theirs).toBuffer();
    expect(encodePdu(c.ours).toString('hex')).toBe(theirs.toString('hex'));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: node-smpp bytes decode with ours', (_name, c) => {
    const theirs = new smpp.PDU(c.ours.command, c.theirs).toBuffer();
    expect(decodePdu(theirs)).toEqual(decodePdu(encodePdu(c.ours)));
    expect(decodePdu(theirs)).toMatchObject(c.ours);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: our bytes decode with node-smpp', (_name, c) => {
    const pdu = decodePdu(encodePdu(c.ours));
    const decoded = smpp.PDU.fromBuffer(encodePdu(c.ours));
    expect(decoded).not.toBe(false);
    const theirPdu = decoded as NodeSmppPdu;
    expect(theirPdu.command).toBe(c.ours.command);
    for (const [field, value] of Object.entries(ourFieldsAsTheirs(pdu, c.theirTlvNames))) {
      expect([field, theirView(theirPdu[field])]).toEqual([field, value]);
    }
  });

  it('error responses: node-smpp sends them header-only, ours decodes them with NULL fields', () => {
    for (const command of ['submit_sm_resp', 'bind_transceiver_resp', 'data_sm_resp'] as const) {
      const theirs = new smpp.PDU(command, { command_status: 0x58, sequence_number: 3 }).toBuffer();
      expect(theirs.length).toBe(16);
      const pdu = decodePdu(theirs);
      expect(pdu).toMatchObject({ command, command_status: 0x58, sequence_number: 3 });
    }
    const ours = encodePdu({ command: 'submit_sm_resp', command_status: 0x58, sequence_number: 3 });
    expect(ours.toString('hex')).toBe(
      new smpp.PDU('submit_sm_resp', { command_status: 0x58, sequence_number: 3 }).toBuffer().toString('hex'),
    );
  });
});
