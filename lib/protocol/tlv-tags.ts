/**
 * The TLV table: every optional parameter tag this library knows (SMPP 3.4 §5.3.2, Table 5-7;
 * SMPP v5.0 Table 4-60), with its value type and size limits. Encoder and decoder both read it.
 */
import type { Tlvs } from './tlv.types.js';

/** How a TLV value is stored on the wire. */
export type TlvValueType = 'int8' | 'int16' | 'int32' | 'cstring' | 'octets';

/** A known TLV name (the spec's), as used in `pdu.tlvs`. */
export type TlvName = Exclude<keyof Tlvs, 'unknown'>;

/** One row of the TLV table. */
export interface TlvDefinition {
  readonly tag: number;
  readonly name: TlvName;
  readonly type: TlvValueType;
  /** Smallest value length in octets (C-octet: including the NUL). Integers have a fixed size. */
  readonly minLength: number;
  /** Largest value length in octets (C-octet: including the NUL). */
  readonly maxLength: number;
  /** Where the limits come from. */
  readonly section: string;
}

type Row = readonly [
  tag: number,
  name: TlvName,
  type: TlvValueType,
  min: number,
  max: number,
  section: string,
];

const INT_SIZE = { int8: 1, int16: 2, int32: 4 } as const;

function int(tag: number, name: TlvName, type: 'int8' | 'int16' | 'int32', section: string): Row {
  return [tag, name, type, INT_SIZE[type], INT_SIZE[type], section];
}

const ROWS: readonly Row[] = [
  int(0x0005, 'dest_addr_subunit', 'int8', '§5.3.2.1'),
  int(0x0006, 'dest_network_type', 'int8', '§5.3.2.3'),
  int(0x0007, 'dest_bearer_type', 'int8', '§5.3.2.5'),
  int(0x0008, 'dest_telematics_id', 'int16', '§5.3.2.7'),
  int(0x000d, 'source_addr_subunit', 'int8', '§5.3.2.2'),
  int(0x000e, 'source_network_type', 'int8', '§5.3.2.4'),
  int(0x000f, 'source_bearer_type', 'int8', '§5.3.2.6'),
  int(0x0010, 'source_telematics_id', 'int8', '§5.3.2.8'),
  int(0x0017, 'qos_time_to_live', 'int32', '§5.3.2.9'),
  int(0x0019, 'payload_type', 'int8', '§5.3.2.10'),
  [0x001d, 'additional_status_info_text', 'cstring', 1, 256, '§5.3.2.11'],
  [0x001e, 'receipted_message_id', 'cstring', 1, 65, '§5.3.2.12'],
  int(0x0030, 'ms_msg_wait_facilities', 'int8', '§5.3.2.13'),
  int(0x0201, 'privacy_indicator', 'int8', '§5.3.2.14'),
  [0x0202, 'source_subaddress', 'octets', 2, 23, '§5.3.2.15'],
  [0x0203, 'dest_subaddress', 'octets', 2, 23, '§5.3.2.16'],
  int(0x0204, 'user_message_reference', 'int16', '§5.3.2.17'),
  int(0x0205, 'user_response_code', 'int8', '§5.3.2.18'),
  int(0x020a, 'source_port', 'int16', '§5.3.2.20'),
  int(0x020b, 'destination_port', 'int16', '§5.3.2.21'),
  int(0x020c, 'sar_msg_ref_num', 'int16', '§5.3.2.22'),
  int(0x020d, 'language_indicator', 'int8', '§5.3.2.19'),
  int(0x020e, 'sar_total_segments', 'int8', '§5.3.2.23'),
  int(0x020f, 'sar_segment_seqnum', 'int8', '§5.3.2.24'),
  int(0x0210, 'sc_interface_version', 'int8', '§5.3.2.25'),
  int(0x0302, 'callback_num_pres_ind', 'int8', '§5.3.2.37'),
  [0x0303, 'callback_num_atag', 'octets', 0, 65, '§5.3.2.38'],
  int(0x0304, 'number_of_messages', 'int8', '§5.3.2.39'),
  [0x0381, 'callback_num', 'octets', 4, 19, '§5.3.2.36'],
  int(0x0420, 'dpf_result', 'int8', '§5.3.2.28'),
  int(0x0421, 'set_dpf', 'int8', '§5.3.2.29'),
  int(0x0422, 'ms_availability_status', 'int8', '§5.3.2.30'),
  [0x0423, 'network_error_code', 'octets', 3, 3, '§5.3.2.31'],
  [0x0424, 'message_payload', 'octets', 0, 0xffff, '§5.3.2.32'],
  int(0x0425, 'delivery_failure_reason', 'int8', '§5.3.2.33'),
  int(0x0426, 'more_messages_to_send', 'int8', '§5.3.2.34'),
  int(0x0427, 'message_state', 'int8', '§5.3.2.35'),
  int(0x0428, 'congestion_state', 'int8', 'v5.0 §4.8.4.18'),
  int(0x0501, 'ussd_service_op', 'int8', '§5.3.2.44'),
  int(0x1201, 'display_time', 'int8', '§5.3.2.26'),
  int(0x1203, 'sms_signal', 'int16', '§5.3.2.40'),
  // 1 octet (v3.4), or 4 with a relative time: behaviour, unit, number (v5.0).
  [0x1204, 'ms_validity', 'octets', 1, 4, '§5.3.2.27, v5.0 §4.8.4.40'],
  [0x130c, 'alert_on_message_delivery', 'octets', 0, 1, '§5.3.2.41, v5.0 §4.8.4.2'],
  int(0x1380, 'its_reply_type', 'int8', '§5.3.2.42'),
  int(0x1383, 'its_session_info', 'int16', '§5.3.2.43'),
  // SMPP v5.0 broadcast and network TLVs (v5.0 Table 4-60, §4.8.4)
  int(0x0600, 'broadcast_channel_indicator', 'int8', 'v5.0 §4.8.4.5'),
  [0x0601, 'broadcast_content_type', 'octets', 3, 3, 'v5.0 §4.8.4.6'],
  [0x0602, 'broadcast_content_type_info', 'octets', 0, 255, 'v5.0 §4.8.4.7'],
  int(0x0603, 'broadcast_message_class', 'int8', 'v5.0 §4.8.4.11'),
  // 2 octets per v5.0 (node-smpp, oserl and Rusmpp agree); Wireshark 4.0 dissects only the first.
  int(0x0604, 'broadcast_rep_num', 'int16', 'v5.0 §4.8.4.12'),
  [0x0605, 'broadcast_frequency_interval', 'octets', 3, 3, 'v5.0 §4.8.4.10'],
  [0x0606, 'broadcast_area_identifier', 'octets', 0, 100, 'v5.0 §4.8.4.3'],
  int(0x0607, 'broadcast_error_status', 'int32', 'v5.0 §4.8.4.9'),
  int(0x0608, 'broadcast_area_success', 'int8', 'v5.0 §4.8.4.4'),
  [0x0609, 'broadcast_end_time', 'cstring', 1, 17, 'v5.0 §4.8.4.8'],
  [0x060a, 'broadcast_service_group', 'octets', 0, 255, 'v5.0 §4.8.4.13'],
  [0x060b, 'billing_identification', 'octets', 0, 1024, 'v5.0 §4.8.4.14'],
  [0x060d, 'source_network_id', 'cstring', 1, 65, 'v5.0 §4.8.4.53'],
  [0x060e, 'dest_network_id', 'cstring', 1, 65, 'v5.0 §4.8.4.23'],
  [0x060f, 'source_node_id', 'octets', 6, 6, 'v5.0 §4.8.4.54'],
  [0x0610, 'dest_node_id', 'octets', 6, 6, 'v5.0 §4.8.4.24'],
  int(0x0611, 'dest_addr_np_resolution', 'int8', 'v5.0 §4.8.4.17'),
  [0x0612, 'dest_addr_np_information', 'octets', 10, 10, 'v5.0 §4.8.4.16'],
  [0x0613, 'dest_addr_np_country', 'octets', 5, 5, 'v5.0 §4.8.4.15'],
];

/** Every known TLV, in tag order of the spec tables. */
export const TLV_DEFINITIONS: readonly TlvDefinition[] = ROWS.map(
  ([tag, name, type, minLength, maxLength, section]) =>
    Object.freeze({ tag, name, type, minLength, maxLength, section }),
);

/** TLV name → tag, e.g. `TlvTag.message_payload === 0x0424`. */
export const TlvTag = Object.freeze(Object.fromEntries(TLV_DEFINITIONS.map((d) => [d.name, d.tag]))) as {
  readonly [N in TlvName]: number;
};

const BY_TAG: ReadonlyMap<number, TlvDefinition> = new Map(TLV_DEFINITIONS.map((d) => [d.tag, d]));
const BY_NAME: ReadonlyMap<string, TlvDefinition> = new Map(TLV_DEFINITIONS.map((d) => [d.name, d]));

/** The definition of a known tag, or `undefined` (vendor and unknown tags are kept raw in `tlvs.unknown`). */
export function tlvDefinitionByTag(tag: number): TlvDefinition | undefined {
  return BY_TAG.get(tag);
}

/** The definition of a known TLV name, or `undefined`. */
export function tlvDefinitionByName(name: string): TlvDefinition | undefined {
  return BY_NAME.get(name);
}

/** Whether a tag lies in 0x1400-0x3FFF, "reserved for SMSC Vendor specific optional parameters" (§5.3.1). */
export function isVendorTlvTag(tag: number): boolean {
  return tag >= 0x1400 && tag <= 0x3fff;
}
