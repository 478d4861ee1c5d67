/**
 * Typed SMPP PDUs (v3.4, plus the v5.0 broadcast operations), as a discriminated union keyed by `command`.
 *
 * @remarks
 * Field names are the spec's own (`destination_addr`, `short_message`...), so a reader can hold this file
 * next to SMPP 3.4 §4. Lengths such as `sm_length`, `number_of_dests` and `no_unsuccess` are not fields here:
 * the encoder derives them from the data, so they can never disagree with it.
 * `short_message` is always raw octets: text encoding is a separate concern (see `encoding/`), because
 * `@` is 0x00 in GSM 03.38 and a short_message is never a C string.
 */
import type { Tlvs } from './tlv.types.js';

/** Fields every PDU carries in its 16-octet header (SMPP 3.4 §3.2). */
export interface PduHeader {
  /** command_status: 0 in requests; the result in responses (see `CommandStatus`). */
  command_status: number;
  /** sequence_number: 1..0x7FFFFFFF, echoed in the response (§5.1.4). */
  sequence_number: number;
  /** Optional parameters (§5.3), present only when the PDU carried any. */
  tlvs?: Tlvs;
}

/** Body of bind_transmitter, bind_receiver and bind_transceiver (Table 4-1). */
export interface BindBody {
  system_id: string;
  password: string;
  system_type: string;
  interface_version: number;
  addr_ton: number;
  addr_npi: number;
  address_range: string;
}

/** Shared body of submit_sm and deliver_sm (Tables 4-10 and 4-18). */
export interface ShortMessageBody {
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  esm_class: number;
  protocol_id: number;
  priority_flag: number;
  schedule_delivery_time: string;
  validity_period: string;
  registered_delivery: number;
  replace_if_present_flag: number;
  data_coding: number;
  sm_default_msg_id: number;
  /** 0..254 octets; longer content goes in the `message_payload` TLV (§5.2.21). */
  short_message: Buffer;
}

/** One destination of a submit_multi: an SME address (dest_flag 1) or a distribution list (dest_flag 2). */
export type MultiDestination =
  | { dest_flag: 1; dest_addr_ton: number; dest_addr_npi: number; destination_addr: string }
  | { dest_flag: 2; dl_name: string };

/** One entry of submit_multi_resp's unsuccess_sme list (§4.5.2). */
export interface UnsuccessfulDelivery {
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  error_status_code: number;
}

export interface GenericNack extends PduHeader {
  command: 'generic_nack';
}
export interface BindTransmitter extends PduHeader, BindBody {
  command: 'bind_transmitter';
}
export interface BindReceiver extends PduHeader, BindBody {
  command: 'bind_receiver';
}
export interface BindTransceiver extends PduHeader, BindBody {
  command: 'bind_transceiver';
}
export interface BindTransmitterResp extends PduHeader {
  command: 'bind_transmitter_resp';
  system_id: string;
}
export interface BindReceiverResp extends PduHeader {
  command: 'bind_receiver_resp';
  system_id: string;
}
export interface BindTransceiverResp extends PduHeader {
  command: 'bind_transceiver_resp';
  system_id: string;
}
export interface Outbind extends PduHeader {
  command: 'outbind';
  system_id: string;
  password: string;
}
export interface Unbind extends PduHeader {
  command: 'unbind';
}
export interface UnbindResp extends PduHeader {
  command: 'unbind_resp';
}
export interface EnquireLink extends PduHeader {
  command: 'enquire_link';
}
export interface EnquireLinkResp extends PduHeader {
  command: 'enquire_link_resp';
}
export interface SubmitSm extends PduHeader, ShortMessageBody {
  command: 'submit_sm';
}
export interface SubmitSmResp extends PduHeader {
  command: 'submit_sm_resp';
  message_id: string;
}
export interface DeliverSm extends PduHeader, ShortMessageBody {
  command: 'deliver_sm';
}
export interface DeliverSmResp extends PduHeader {
  command: 'deliver_sm_resp';
  message_id: string;
}

export interface SubmitMulti extends PduHeader {
  command: 'submit_multi';
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  /** 1..254 destinations; number_of_dests is derived (§4.5.1). */
  dest_addresses: MultiDestination[];
  esm_class: number;
  protocol_id: number;
  priority_flag: number;
  schedule_delivery_time: string;
  validity_period: string;
  registered_delivery: number;
  replace_if_present_flag: number;
  data_coding: number;
  sm_default_msg_id: number;
  short_message: Buffer;
}
export interface SubmitMultiResp extends PduHeader {
  command: 'submit_multi_resp';
  message_id: string;
  /** no_unsuccess is derived from this list's length. */
  unsuccess_sme: UnsuccessfulDelivery[];
}

export interface DataSm extends PduHeader {
  command: 'data_sm';
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  esm_class: number;
  registered_delivery: number;
  data_coding: number;
}
export interface DataSmResp extends PduHeader {
  command: 'data_sm_resp';
  message_id: string;
}

export interface QuerySm extends PduHeader {
  command: 'query_sm';
  message_id: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
}
export interface QuerySmResp extends PduHeader {
  command: 'query_sm_resp';
  message_id: string;
  final_date: string;
  message_state: number;
  error_code: number;
}

export interface CancelSm extends PduHeader {
  command: 'cancel_sm';
  service_type: string;
  message_id: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
}
export interface CancelSmResp extends PduHeader {
  command: 'cancel_sm_resp';
}

export interface ReplaceSm extends PduHeader {
  command: 'replace_sm';
  message_id: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  schedule_delivery_time: string;
  validity_period: string;
  registered_delivery: number;
  sm_default_msg_id: number;
  short_message: Buffer;
}
export interface ReplaceSmResp extends PduHeader {
  command: 'replace_sm_resp';
}

export interface AlertNotification extends PduHeader {
  command: 'alert_notification';
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  esme_addr_ton: number;
  esme_addr_npi: number;
  esme_addr: string;
}

/** SMPP v5.0 §4.4.1. Mandatory broadcast TLVs travel in `tlvs`. */
export interface BroadcastSm extends PduHeader {
  command: 'broadcast_sm';
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  message_id: string;
  priority_flag: number;
  schedule_delivery_time: string;
  validity_period: string;
  replace_if_present_flag: number;
  data_coding: number;
  sm_default_msg_id: number;
}
export interface BroadcastSmResp extends PduHeader {
  command: 'broadcast_sm_resp';
  message_id: string;
}
export interface QueryBroadcastSm extends PduHeader {
  command: 'query_broadcast_sm';
  message_id: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
}
export interface QueryBroadcastSmResp extends PduHeader {
  command: 'query_broadcast_sm_resp';
  message_id: string;
}
export interface CancelBroadcastSm extends PduHeader {
  command: 'cancel_broadcast_sm';
  service_type: string;
  message_id: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
}
export interface CancelBroadcastSmResp extends PduHeader {
  command: 'cancel_broadcast_sm_resp';
}

/** Every PDU this library can encode and decode. Narrow on `pdu.command`. */
export type Pdu =
  | GenericNack
  | BindTransmitter
  | BindTransmitterResp
  | BindReceiver
  | BindReceiverResp
  | BindTransceiver
  | BindTransceiverResp
  | Outbind
  | Unbind
  | UnbindResp
  | EnquireLink
  | EnquireLinkResp
  | SubmitSm
  | SubmitSmResp
  | DeliverSm
  | DeliverSmResp
  | SubmitMulti
  | SubmitMultiResp
  | DataSm
  | DataSmResp
  | QuerySm
  | QuerySmResp
  | CancelSm
  | CancelSmResp
  | ReplaceSm
  | ReplaceSmResp
  | AlertNotification
  | BroadcastSm
  | BroadcastSmResp
  | QueryBroadcastSm
  | QueryBroadcastSmResp
  | CancelBroadcastSm
  | CancelBroadcastSmResp;

/** A PDU's command name, e.g. `'submit_sm'`. */
export type CommandName = Pdu['command'];

/** The PDU type for a command name: `PduOf<'submit_sm'>` is `SubmitSm`. */
export type PduOf<C extends CommandName> = Extract<Pdu, { command: C }>;

/**
 * What a caller supplies to encode a PDU: header fields may be omitted (command_status defaults to 0;
 * the session assigns sequence_number), and every body field has the spec's NULL/zero default.
 */
export type PduInput<C extends CommandName> = { command: C } & Partial<Omit<PduOf<C>, 'command'>>;

/**
 * Any command's {@link PduInput}, as a discriminated union: object literals are checked against the
 * fields of the command they name, e.g. `{ command: 'submit_sm', destination_addr: '...' }`.
 */
export type AnyPduInput = { [C in CommandName]: PduInput<C> }[CommandName];
