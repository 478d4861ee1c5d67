import { CommandId, RESPONSE_BIT, commandNameOf } from '../../../protocol/command-ids.js';
import { statusName } from '../../../protocol/command-status.js';
import { decodePdu } from '../../../protocol/codec/index.js';
import type { Pdu } from '../../../protocol/pdu.types.js';
import { isDeliveryReceipt, parseDeliveryReceipt } from '../../../protocol/receipt/index.js';
import type { SimulatorPduEvent } from '../../tap/simulator-pdu-event.interface.js';
import type { ConsoleFeedEvent, ConsoleFeedKind } from './console-feed-event.interface.js';
import { describeUserData as userData } from './describe-user-data.js';

const HEADER_LENGTH = 16;

/** Responses whose body starts with a message_id C-Octet String (§4.4.2, §4.5.2, §4.7.2). */
const RESPONSES_WITH_MESSAGE_ID: ReadonlySet<number> = new Set([
  CommandId.submit_sm_resp,
  CommandId.submit_multi_resp,
  CommandId.data_sm_resp,
]);

type Base = Pick<ConsoleFeedEvent, 'id' | 'at' | 'direction' | 'connectionId' | 'systemId'>;

function kindOfResponse(commandId: number): ConsoleFeedKind {
  switch ((commandId & ~RESPONSE_BIT) >>> 0) {
    case CommandId.enquire_link:
      return 'keepalive';
    case CommandId.unbind:
      return 'unbind';
    case CommandId.bind_transmitter:
    case CommandId.bind_receiver:
    case CommandId.bind_transceiver:
      return 'bind';
    default:
      return 'response';
  }
}

/** Reads a C-Octet String from `offset` (up to its NUL or the end). */
function cString(frame: Buffer, offset: number): string {
  const end = frame.indexOf(0, offset);
  return frame.toString('latin1', offset, end < 0 ? frame.length : end);
}

function describeRequest(base: Base, pdu: Pdu): ConsoleFeedEvent {
  const head = { ...base, command: pdu.command, sequence: pdu.sequence_number };
  switch (pdu.command) {
    case 'bind_transmitter':
    case 'bind_receiver':
    case 'bind_transceiver':
      // The password stays out: the feed is shown in a browser and kept in memory.
      return {
        ...head,
        kind: 'bind',
        systemId: pdu.system_id,
        note: `${pdu.command.slice(5)}${pdu.system_type === '' ? '' : `, system_type ${pdu.system_type}`}`,
      };
    case 'submit_sm':
    case 'data_sm':
      return { ...head, kind: 'submit', from: pdu.source_addr, to: pdu.destination_addr, ...userData(pdu) };
    case 'submit_multi':
      return {
        ...head,
        kind: 'submit',
        from: pdu.source_addr,
        to: pdu.dest_addresses
          .map((d) => (d.dest_flag === 1 ? d.destination_addr : `list:${d.dl_name}`))
          .join(','),
        ...userData(pdu),
      };
    case 'deliver_sm': {
      const addresses = { from: pdu.source_addr, to: pdu.destination_addr };
      if (isDeliveryReceipt(pdu.esm_class)) {
        const receipt = parseDeliveryReceipt(pdu);
        return {
          ...head,
          ...addresses,
          kind: 'receipt',
          messageId: receipt?.messageId,
          state: receipt?.state,
        };
      }
      return { ...head, ...addresses, kind: 'mo', ...userData(pdu) };
    }
    case 'query_sm':
      return { ...head, kind: 'query', messageId: pdu.message_id };
    case 'cancel_sm':
      return { ...head, kind: 'cancel', messageId: pdu.message_id || undefined, from: pdu.source_addr };
    case 'replace_sm':
      // replace_sm carries no data_coding (the original's applies), so the new text is only counted here.
      return {
        ...head,
        kind: 'replace',
        messageId: pdu.message_id,
        note: `new short_message: ${pdu.short_message.length} octets`,
      };
    case 'enquire_link':
      return { ...head, kind: 'keepalive' };
    case 'unbind':
      return { ...head, kind: 'unbind' };
    default:
      return { ...head, kind: 'other' };
  }
}

/**
 * Summarises one PDU of the wire tap as a feed event. Never throws: bytes that do not decode (the simulator's
 * own malformed-PDU faults, a broken ESME) become a `malformed` event naming the decoder's complaint.
 */
export function describePdu(event: SimulatorPduEvent, id: number): ConsoleFeedEvent {
  const frame = event.frame;
  const base: Base = {
    id,
    at: event.at,
    direction: event.direction === 'received' ? 'in' : 'out',
    connectionId: event.connectionId,
    systemId: event.systemId,
  };
  if (frame.length < HEADER_LENGTH) {
    return {
      ...base,
      kind: 'malformed',
      command: '?',
      sequence: 0,
      note: `${frame.length} octets, no header`,
    };
  }
  const commandId = frame.readUInt32BE(4);
  const command = commandNameOf(commandId) ?? `0x${commandId.toString(16).padStart(8, '0')}`;
  const sequence = frame.readUInt32BE(12);
  if (commandId >= RESPONSE_BIT) {
    // Responses are read from the header (and a message_id): error responses have no body to decode (§4.4.2).
    const status = frame.readUInt32BE(8);
    const withId = RESPONSES_WITH_MESSAGE_ID.has(commandId) && frame.length > HEADER_LENGTH;
    return {
      ...base,
      kind: kindOfResponse(commandId),
      command,
      sequence,
      status: statusName(status),
      ...(withId ? { messageId: cString(frame, HEADER_LENGTH) } : {}),
    };
  }
  if (commandNameOf(commandId) === undefined) {
    return { ...base, kind: 'other', command, sequence, note: 'unknown command_id' };
  }
  try {
    return describeRequest(base, decodePdu(frame));
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return { ...base, kind: 'malformed', command, sequence, note };
  }
}
