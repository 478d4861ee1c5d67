/**
 * The PDU schema table: each PDU's mandatory parameters, in wire order, declared once.
 *
 * @remarks
 * Encoder, decoder and the property-test arbitraries all read this table, so adding a PDU is adding a
 * row. Section numbers are SMPP 3.4 (Issue 1.2) unless marked v5.0. Lengths derived from data
 * (sm_length, number_of_dests, no_unsuccess) are not fields of the typed PDU: the `short_message`,
 * `dest_addresses` and `unsuccess_sme` kinds write them.
 */
import { CommandId } from '../command-ids.js';
import type { CommandName, PduHeader, PduOf } from '../pdu.types.js';
import {
  cstring,
  destAddresses,
  type FieldSpec,
  int8,
  shortMessage,
  time,
  unsuccessSme,
} from './field-spec.js';

/** Names of the mandatory body fields of a command (header fields and `tlvs` excluded). */
export type BodyFieldName<C extends CommandName> = Exclude<keyof PduOf<C>, 'command' | keyof PduHeader> &
  string;

/** The schema of one command: its id and mandatory fields. */
export interface PduSchema<C extends CommandName = CommandName> {
  readonly command: C;
  readonly commandId: number;
  readonly fields: readonly FieldSpec<BodyFieldName<C>>[];
}

const bindBody = [
  cstring('system_id', 16, '§5.2.1'),
  cstring('password', 9, '§5.2.2'),
  cstring('system_type', 13, '§5.2.3'),
  int8('interface_version', '§5.2.4'),
  int8('addr_ton', '§5.2.5'),
  int8('addr_npi', '§5.2.6'),
  cstring('address_range', 41, '§5.2.7'),
] as const;

const bindRespBody = [cstring('system_id', 16, '§5.2.1')] as const;

const messageIdBody = [cstring('message_id', 65, '§5.2.23')] as const;

/** submit_sm and deliver_sm share one layout (Tables 4-10 and 4-18). */
const shortMessageBody = [
  cstring('service_type', 6, '§5.2.11'),
  int8('source_addr_ton', '§5.2.5'),
  int8('source_addr_npi', '§5.2.6'),
  cstring('source_addr', 21, '§5.2.8'),
  int8('dest_addr_ton', '§5.2.5'),
  int8('dest_addr_npi', '§5.2.6'),
  cstring('destination_addr', 21, '§5.2.9'),
  int8('esm_class', '§5.2.12'),
  int8('protocol_id', '§5.2.13'),
  int8('priority_flag', '§5.2.14'),
  time('schedule_delivery_time', '§5.2.15'),
  time('validity_period', '§5.2.16'),
  int8('registered_delivery', '§5.2.17'),
  int8('replace_if_present_flag', '§5.2.18'),
  int8('data_coding', '§5.2.19'),
  int8('sm_default_msg_id', '§5.2.20'),
  shortMessage(),
] as const;

const sourceAddress = [
  int8('source_addr_ton', '§5.2.5'),
  int8('source_addr_npi', '§5.2.6'),
  cstring('source_addr', 21, '§5.2.8'),
] as const;

type SchemaTable = { readonly [C in CommandName]: readonly FieldSpec<BodyFieldName<C>>[] };

/** Mandatory fields of every command, in wire order. */
const FIELDS: SchemaTable = {
  generic_nack: [],
  bind_receiver: bindBody,
  bind_receiver_resp: bindRespBody,
  bind_transmitter: bindBody,
  bind_transmitter_resp: bindRespBody,
  bind_transceiver: bindBody,
  bind_transceiver_resp: bindRespBody,
  // §4.1.7, Table 4-6
  outbind: [cstring('system_id', 16, '§5.2.1'), cstring('password', 9, '§5.2.2')],
  unbind: [],
  unbind_resp: [],
  enquire_link: [],
  enquire_link_resp: [],
  submit_sm: shortMessageBody,
  submit_sm_resp: messageIdBody,
  deliver_sm: shortMessageBody,
  // §4.6.2: message_id is unused and set to NULL, but it is on the wire.
  deliver_sm_resp: messageIdBody,
  // §4.5.1, Table 4-12
  submit_multi: [
    cstring('service_type', 6, '§5.2.11'),
    ...sourceAddress,
    destAddresses(),
    int8('esm_class', '§5.2.12'),
    int8('protocol_id', '§5.2.13'),
    int8('priority_flag', '§5.2.14'),
    time('schedule_delivery_time', '§5.2.15'),
    time('validity_period', '§5.2.16'),
    int8('registered_delivery', '§5.2.17'),
    int8('replace_if_present_flag', '§5.2.18'),
    int8('data_coding', '§5.2.19'),
    int8('sm_default_msg_id', '§5.2.20'),
    shortMessage(),
  ],
  // §4.5.2, Table 4-15
  submit_multi_resp: [cstring('message_id', 65, '§5.2.23'), unsuccessSme()],
  // §4.7.1, Table 4-21: data_sm addresses are up to 65 octets.
  data_sm: [
    cstring('service_type', 6, '§5.2.11'),
    int8('source_addr_ton', '§5.2.5'),
    int8('source_addr_npi', '§5.2.6'),
    cstring('source_addr', 65, '§4.7.1 Table 4-21'),
    int8('dest_addr_ton', '§5.2.5'),
    int8('dest_addr_npi', '§5.2.6'),
    cstring('destination_addr', 65, '§4.7.1 Table 4-21'),
    int8('esm_class', '§5.2.12'),
    int8('registered_delivery', '§5.2.17'),
    int8('data_coding', '§5.2.19'),
  ],
  data_sm_resp: messageIdBody,
  // §4.8.1, Table 4-25
  query_sm: [cstring('message_id', 65, '§5.2.23'), ...sourceAddress],
  // §4.8.2, Table 4-26
  query_sm_resp: [
    cstring('message_id', 65, '§5.2.23'),
    time('final_date', '§4.8.2'),
    int8('message_state', '§5.2.28'),
    int8('error_code', '§4.8.2'),
  ],
  // §4.9.1, Table 4-27
  cancel_sm: [
    cstring('service_type', 6, '§5.2.11'),
    cstring('message_id', 65, '§5.2.23'),
    ...sourceAddress,
    int8('dest_addr_ton', '§5.2.5'),
    int8('dest_addr_npi', '§5.2.6'),
    cstring('destination_addr', 21, '§5.2.9'),
  ],
  cancel_sm_resp: [],
  // §4.10.1, Table 4-29
  replace_sm: [
    cstring('message_id', 65, '§5.2.23'),
    ...sourceAddress,
    time('schedule_delivery_time', '§5.2.15'),
    time('validity_period', '§5.2.16'),
    int8('registered_delivery', '§5.2.17'),
    int8('sm_default_msg_id', '§5.2.20'),
    shortMessage(),
  ],
  replace_sm_resp: [],
  // §4.12.1, Table 4-34: alert_notification addresses are up to 65 octets.
  alert_notification: [
    int8('source_addr_ton', '§5.2.5'),
    int8('source_addr_npi', '§5.2.6'),
    cstring('source_addr', 65, '§4.12.1 Table 4-34'),
    int8('esme_addr_ton', '§5.2.5'),
    int8('esme_addr_npi', '§5.2.6'),
    cstring('esme_addr', 65, '§5.2.10'),
  ],
  // SMPP v5.0 §4.4.1.1, Table 4-27
  broadcast_sm: [
    cstring('service_type', 6, 'v5.0 §4.7.25'),
    ...sourceAddress,
    cstring('message_id', 65, 'v5.0 §4.7.14'),
    int8('priority_flag', 'v5.0 §4.7.19'),
    time('schedule_delivery_time', 'v5.0 §4.7.23.1'),
    time('validity_period', 'v5.0 §4.7.23.2'),
    int8('replace_if_present_flag', 'v5.0 §4.7.21'),
    int8('data_coding', 'v5.0 §4.7.7'),
    int8('sm_default_msg_id', 'v5.0 §4.7.27'),
  ],
  broadcast_sm_resp: messageIdBody,
  // SMPP v5.0 §4.6.1.1
  query_broadcast_sm: [cstring('message_id', 65, 'v5.0 §4.7.14'), ...sourceAddress],
  query_broadcast_sm_resp: messageIdBody,
  // SMPP v5.0 §4.6.2.1
  cancel_broadcast_sm: [
    cstring('service_type', 6, 'v5.0 §4.7.25'),
    cstring('message_id', 65, 'v5.0 §4.7.14'),
    ...sourceAddress,
  ],
  cancel_broadcast_sm_resp: [],
};

function schemaOf<C extends CommandName>(command: C): PduSchema<C> {
  return Object.freeze({ command, commandId: CommandId[command], fields: FIELDS[command] });
}

/** The schema table, keyed by command name. */
export const PDU_SCHEMAS: { readonly [C in CommandName]: PduSchema<C> } = Object.freeze(
  Object.fromEntries((Object.keys(FIELDS) as CommandName[]).map((c) => [c, schemaOf(c)])),
) as { readonly [C in CommandName]: PduSchema<C> };

/**
 * Responses whose body "is not returned if the command_status field contains a non-zero value"
 * (SMPP 3.4 §4.1.2, §4.1.4, §4.1.6, §4.4.2): encodePdu sends them header-only when their fields are NULL.
 */
export const BODY_OMITTED_ON_ERROR: ReadonlySet<CommandName> = new Set<CommandName>([
  'bind_transmitter_resp',
  'bind_receiver_resp',
  'bind_transceiver_resp',
  'submit_sm_resp',
]);
