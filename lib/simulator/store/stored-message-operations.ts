import { CommandStatus } from '../../protocol/command-status.js';
import { decodePdu, encodePdu } from '../../protocol/index.js';
import type {
  CancelSm,
  DataSm,
  PduInput,
  QuerySm,
  ReplaceSm,
  SubmitMulti,
  SubmitSm,
} from '../../protocol/pdu.types.js';
import { isValidSmppTime } from '../connection/validate-submit.js';
import { RECEIPT_ERROR_CODES } from '../receipts/receipt-state.js';
import type { MessageIdAllocator } from './message-id.js';
import type { MessageStore } from './message-store.js';
import { utcDigits } from '../../protocol/receipt/utc-digits.js';

/** A message the simulator accepted, as stored. */
export type StoredRequest = SubmitSm | DataSm | SubmitMulti;

/** Decodes a stored frame (always one the decoder accepted before, or that encodePdu produced). */
export function decodeStored(frame: Buffer): StoredRequest {
  return decodePdu(frame) as StoredRequest;
}

/** `YYMMDDhhmmss000+` in UTC: the absolute time format of SMPP 3.4 §7.1.1 (tenths 0, offset 00, `+`). */
export function formatSmppTime(epochMs: number): string {
  return `${utcDigits(new Date(epochMs), 12)}000+`;
}

/** The status for replace_sm's own fields (§4.10.1), checked like submit_sm's (see `validateSubmit`). */
function validateReplace(pdu: ReplaceSm): number {
  if ((pdu.registered_delivery & 0x03) === 0x03) return CommandStatus.ESME_RINVREGDLVFLG;
  if (!isValidSmppTime(pdu.schedule_delivery_time)) return CommandStatus.ESME_RINVSCHED;
  if (!isValidSmppTime(pdu.validity_period)) return CommandStatus.ESME_RINVEXPIRY;
  if (pdu.short_message.length > 254) return CommandStatus.ESME_RINVMSGLEN;
  return CommandStatus.ESME_ROK;
}

/** The result of replace_sm: the response, and whether the new registered_delivery asks for a receipt. */
export interface ReplaceOutcome {
  response: PduInput<'replace_sm_resp'>;
  /** The counter of the replaced message when it now wants a receipt. */
  wantsReceipt?: number;
}

/**
 * query_sm, cancel_sm and replace_sm against the message store (SMPP 3.4 §4.8, §4.9, §4.10).
 *
 * @remarks
 * A message is found by id and, when the request names a source_addr, only if it matches the original (the
 * spec's "source address of the original message"). Only the system_id that submitted a message may act on it.
 * An unknown (or evicted) id answers ESME_RINVMSGID, a source_addr mismatch ESME_RINVSRCADR. query_sm reports
 * final states too; cancel_sm and replace_sm on a message that is already final answer ESME_RCANCELFAIL and
 * ESME_RREPLACEFAIL.
 */
export class StoredMessageOperations {
  constructor(
    private readonly store: MessageStore,
    private readonly ids: MessageIdAllocator,
  ) {}

  /** Finds an own message by id; returns its counter and decoded request, or the status to answer with. */
  private find(
    systemId: string,
    messageId: string,
    sourceAddr: string,
    now: number,
  ): { counter: number; request: StoredRequest } | number {
    const counter = this.ids.parse(messageId);
    const view = counter === undefined ? undefined : this.store.get(counter, now);
    if (counter === undefined || view === undefined || view.systemId !== systemId)
      return CommandStatus.ESME_RINVMSGID;
    const request = decodeStored(view.frame);
    if (sourceAddr !== '' && request.source_addr !== sourceAddr) return CommandStatus.ESME_RINVSRCADR;
    return { counter, request };
  }

  /** query_sm (§4.8): state, final date and error code of a stored message. */
  query(systemId: string, pdu: QuerySm, now: number): PduInput<'query_sm_resp'> {
    const found = this.find(systemId, pdu.message_id, pdu.source_addr, now);
    if (typeof found === 'number') return { command: 'query_sm_resp', command_status: found };
    const view = this.store.get(found.counter, now);
    if (view === undefined) return { command: 'query_sm_resp', command_status: CommandStatus.ESME_RINVMSGID };
    this.store.markQueried(found.counter);
    const final = view.state !== 'ENROUTE';
    return {
      command: 'query_sm_resp',
      command_status: CommandStatus.ESME_ROK,
      message_id: pdu.message_id,
      final_date: final ? formatSmppTime(view.finalAt) : '',
      message_state: view.messageState,
      // error_code: network error code of a failed message (§5.2.31's error part, truncated to one octet).
      error_code: final ? RECEIPT_ERROR_CODES[view.state as keyof typeof RECEIPT_ERROR_CODES] & 0xff : 0,
    };
  }

  /**
   * cancel_sm (§4.9): by message_id, or, with an empty message_id, every pending message of this system_id from
   * source_addr to destination_addr (and of service_type when given).
   */
  cancel(systemId: string, pdu: CancelSm, now: number): PduInput<'cancel_sm_resp'> {
    if (pdu.message_id !== '') {
      const found = this.find(systemId, pdu.message_id, pdu.source_addr, now);
      if (typeof found === 'number') return { command: 'cancel_sm_resp', command_status: found };
      const ok = this.store.cancel(found.counter, now);
      return {
        command: 'cancel_sm_resp',
        command_status: ok ? CommandStatus.ESME_ROK : CommandStatus.ESME_RCANCELFAIL,
      };
    }
    let cancelled = 0;
    for (const counter of this.store.counterList()) {
      if (!this.store.isPending(counter, now)) continue;
      const view = this.store.get(counter, now);
      if (view === undefined || view.systemId !== systemId) continue;
      const request = decodeStored(view.frame);
      if (request.command === 'submit_multi') continue;
      if (request.source_addr !== pdu.source_addr || request.destination_addr !== pdu.destination_addr)
        continue;
      if (pdu.service_type !== '' && request.service_type !== pdu.service_type) continue;
      if (this.store.cancel(counter, now)) cancelled++;
    }
    return {
      command: 'cancel_sm_resp',
      command_status: cancelled > 0 ? CommandStatus.ESME_ROK : CommandStatus.ESME_RCANCELFAIL,
    };
  }

  /** replace_sm (§4.10): new short_message and, when given, new times, registered_delivery and sm_default_msg_id. */
  replace(systemId: string, pdu: ReplaceSm, now: number): ReplaceOutcome {
    const found = this.find(systemId, pdu.message_id, pdu.source_addr, now);
    if (typeof found === 'number') return { response: { command: 'replace_sm_resp', command_status: found } };
    const { counter, request } = found;
    const invalid = validateReplace(pdu);
    if (invalid !== CommandStatus.ESME_ROK)
      return { response: { command: 'replace_sm_resp', command_status: invalid } };
    // replace_sm replaces "a previously submitted short message": submit_sm only.
    if (request.command !== 'submit_sm' || !this.store.isPending(counter, now)) {
      return { response: { command: 'replace_sm_resp', command_status: CommandStatus.ESME_RREPLACEFAIL } };
    }
    const tlvs = request.tlvs === undefined ? undefined : { ...request.tlvs };
    if (tlvs !== undefined) delete tlvs.message_payload; // the new text is in short_message; never both (§5.2.21)
    const replaced: SubmitSm = {
      ...request,
      schedule_delivery_time: pdu.schedule_delivery_time || request.schedule_delivery_time,
      validity_period: pdu.validity_period || request.validity_period,
      registered_delivery: pdu.registered_delivery,
      sm_default_msg_id: pdu.sm_default_msg_id,
      short_message: pdu.short_message,
      ...(tlvs === undefined ? {} : { tlvs }),
    };
    if (tlvs === undefined) delete replaced.tlvs;
    this.store.replaceFrame(counter, encodePdu(replaced), now);
    const wantsReceipt = (pdu.registered_delivery & 0x03) !== 0 && !this.store.isReceiptScheduled(counter);
    return {
      response: { command: 'replace_sm_resp', command_status: CommandStatus.ESME_ROK },
      ...(wantsReceipt ? { wantsReceipt: counter } : {}),
    };
  }
}
