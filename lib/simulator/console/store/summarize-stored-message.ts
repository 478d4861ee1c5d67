import type { StoredMessage } from '../../store/simulator-messages.js';
import { describeUserData, type UserDataSummary } from '../feed/describe-user-data.js';

/** A stored message as the console lists it: its state and marks, and the request summarised. */
export interface ConsoleStoredMessage extends UserDataSummary {
  messageId: string;
  systemId: string;
  /** `ENROUTE` until final; then the final state (`DELETED` after cancel_sm). */
  state: StoredMessage['state'];
  messageState: number;
  submittedAt: Date;
  finalAt: Date;
  queried: boolean;
  replaced: boolean;
  cancelled: boolean;
  /** submit_sm, data_sm or submit_multi. */
  command: string;
  from: string;
  /** destination_addr (a submit_multi's destinations joined with commas). */
  to: string;
  registeredDelivery: number;
}

/** Summarises a stored message for `GET /api/messages`. */
export function summarizeStoredMessage(message: StoredMessage): ConsoleStoredMessage {
  const { pdu, ...facts } = message;
  const to =
    pdu.command === 'submit_multi'
      ? pdu.dest_addresses
          .map((d) => (d.dest_flag === 1 ? d.destination_addr : `list:${d.dl_name}`))
          .join(',')
      : pdu.destination_addr;
  return {
    ...facts,
    command: pdu.command,
    from: pdu.source_addr,
    to,
    registeredDelivery: pdu.registered_delivery,
    ...describeUserData(pdu),
  };
}

/**
 * The request of a stored message as JSON can carry it: octet fields (short_message, binary TLVs) as hex
 * strings instead of Node's `{ type: 'Buffer', data: [...] }`.
 */
export function storedRequestJson(message: StoredMessage): unknown {
  return JSON.parse(
    JSON.stringify(message.pdu, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer') {
        return Buffer.from((value as { data: number[] }).data).toString('hex');
      }
      return value;
    }),
  );
}
