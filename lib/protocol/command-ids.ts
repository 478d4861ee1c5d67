/**
 * SMPP command_id values (SMPP 3.4 Table 5-1, pp.110-111, plus the v5.0 broadcast operations).
 *
 * @remarks
 * A response's command_id is its request's id with bit 31 set (§3.2, the 0x80000000 mask).
 */
import type { CommandName, PduOf } from './pdu.types.js';

/** command name → numeric command_id, for every PDU this library encodes and decodes. */
export const CommandId = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  submit_multi: 0x00000021,
  submit_multi_resp: 0x80000021,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
  // SMPP v5.0 §4.4 (broadcast operations)
  broadcast_sm: 0x00000111,
  broadcast_sm_resp: 0x80000111,
  query_broadcast_sm: 0x00000112,
  query_broadcast_sm_resp: 0x80000112,
  cancel_broadcast_sm: 0x00000113,
  cancel_broadcast_sm_resp: 0x80000113,
} as const satisfies Record<CommandName, number>;

/** Bit 31 of command_id marks a response (SMPP 3.4 §3.2). */
export const RESPONSE_BIT = 0x80000000;

/** Commands whose command_id has bit 31 set. */
export type ResponseCommandName = Extract<CommandName, `${string}_resp`> | 'generic_nack';

/** Commands a peer sends as requests (including alert_notification and outbind, which get no response). */
export type RequestCommandName = Exclude<CommandName, ResponseCommandName>;

/** The response command of a request: `ResponseNameOf<'submit_sm'>` is `'submit_sm_resp'`; `never` when there is none. */
export type ResponseNameOf<C extends CommandName> = `${C}_resp` extends CommandName ? `${C}_resp` : never;

/** The response PDU type of a request: `ResponseOf<'submit_sm'>` is `SubmitSmResp`. */
export type ResponseOf<C extends CommandName> = PduOf<ResponseNameOf<C>>;

const NAME_BY_ID: ReadonlyMap<number, CommandName> = new Map(
  (Object.keys(CommandId) as CommandName[]).map((name) => [CommandId[name], name]),
);

/** The command name of a numeric command_id, or `undefined` when this library does not know the id. */
export function commandNameOf(id: number): CommandName | undefined {
  return NAME_BY_ID.get(id);
}

/** Whether a command is a response (bit 31 of its command_id set, §3.2). generic_nack is a response. */
export function isResponseCommand(name: CommandName): name is ResponseCommandName {
  return CommandId[name] >= RESPONSE_BIT;
}

/**
 * The response command that answers a request: `'submit_sm'` → `'submit_sm_resp'`.
 *
 * @returns `undefined` for PDUs that get no response (alert_notification, outbind, §4.12 and §4.1.7) and for
 * responses themselves, generic_nack included.
 */
export function responseCommandOf<C extends CommandName>(name: C): ResponseNameOf<C> | undefined {
  const candidate = `${name}_resp`;
  return Object.hasOwn(CommandId, candidate) ? (candidate as ResponseNameOf<C>) : undefined;
}
