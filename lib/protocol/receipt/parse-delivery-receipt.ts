import type { Tlvs } from '../tlv.types.js';
import type { DeliveryReceipt, NetworkErrorCode } from './delivery-receipt.interface.js';
import { isDeliveryReceipt, isIntermediateNotification } from './is-delivery-receipt.js';
import {
  isFinalState,
  messageStateOf,
  receiptStateFromMessageState,
  receiptStateFromStat,
  type ReceiptState,
} from './message-state.constants.js';
import { parseReceiptDate } from './parse-receipt-date.js';
import { parseReceiptText } from './parse-receipt-text.js';

/** The fields of a deliver_sm / data_sm a receipt is read from. */
export interface ReceiptPdu {
  esm_class: number;
  /** Absent in data_sm. */
  short_message?: Buffer;
  tlvs?: Tlvs;
}

/** Options of {@link parseDeliveryReceipt}. */
export interface ParseDeliveryReceiptOptions {
  /**
   * Also accept PDUs whose esm_class does not mark a receipt when their text has both `id:` and `stat:`.
   * Some SMSCs send receipts with esm_class 0.
   * @default false
   */
  detectByText?: boolean;
}

/**
 * Reads a delivery receipt from a deliver_sm / data_sm, or returns `undefined` when the PDU is not one
 * (esm_class message type, §5.2.12) or names no message id.
 *
 * @remarks
 * TLVs are preferred (receipted_message_id §5.3.2.12, message_state §5.3.2.35, network_error_code
 * §5.3.2.31) and the Appendix B text fills in the rest. The text is tolerated in its vendor variants:
 * missing `sub`/`dlvrd`, `Text:` or `text:`, 10 or 12 digit dates, 3 or 4 digit `err`, ACKED/BUFFRED/…
 * statuses, any key case, and the text carried in message_payload when short_message is empty.
 */
export function parseDeliveryReceipt(
  pdu: ReceiptPdu,
  options: ParseDeliveryReceiptOptions = {},
): DeliveryReceipt | undefined {
  const bytes =
    pdu.short_message && pdu.short_message.length > 0
      ? pdu.short_message
      : (pdu.tlvs?.message_payload ?? undefined);
  // Receipt text is ASCII in practice; latin1 keeps every octet and never throws. Some SMSCs NUL-terminate it.
  const raw = withoutTrailingNuls(bytes?.toString('latin1') ?? '');
  const fields = parseReceiptText(raw);

  const marked = isDeliveryReceipt(pdu.esm_class);
  if (!marked && !(options.detectByText && fields['id'] !== undefined && fields['stat'] !== undefined))
    return undefined;

  const messageId = pdu.tlvs?.receipted_message_id?.trim() || fields['id'];
  if (!messageId) return undefined;

  const stat = fields['stat'] || undefined;
  const tlvState = pdu.tlvs?.message_state;
  const state: ReceiptState =
    tlvState !== undefined
      ? receiptStateFromMessageState(tlvState)
      : ((stat !== undefined ? receiptStateFromStat(stat) : undefined) ?? 'UNKNOWN');
  const intermediate = isIntermediateNotification(pdu.esm_class);

  const receipt: DeliveryReceipt = {
    messageId,
    state,
    messageState: tlvState ?? messageStateOf(state),
    final: !intermediate && isFinalState(state),
    intermediate,
    fields,
    raw,
  };
  if (stat) receipt.stat = stat;
  const submitted = count(fields['sub']);
  if (submitted !== undefined) receipt.submitted = submitted;
  const delivered = count(fields['dlvrd']);
  if (delivered !== undefined) receipt.delivered = delivered;
  if (fields['submit date']) {
    receipt.submitDate = fields['submit date'];
    const at = parseReceiptDate(receipt.submitDate);
    if (at) receipt.submittedAt = at;
  }
  if (fields['done date']) {
    receipt.doneDate = fields['done date'];
    const at = parseReceiptDate(receipt.doneDate);
    if (at) receipt.doneAt = at;
  }
  if (fields['err']) receipt.errorCode = fields['err'];
  const networkErrorCode = readNetworkErrorCode(pdu.tlvs?.network_error_code);
  if (networkErrorCode) receipt.networkErrorCode = networkErrorCode;
  if (fields['text'] !== undefined) receipt.text = fields['text'];
  return receipt;
}

/** `text` without its trailing NULs (a regex replace cost a scan and a match per receipt, for the rare NUL). */
function withoutTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `sub:` / `dlvrd:` as a number when it is all decimal digits (read by char code: no regex per receipt). */
function count(value: string | undefined): number | undefined {
  if (value === undefined || value.length === 0) return undefined;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = n * 10 + (c - 0x30);
  }
  // Exact up to 15 digits; beyond, Number() rounds as the text says (the same value as before).
  return value.length <= 15 ? n : Number(value);
}

/** §5.3.2.31: network type (1 octet) then error code (2 octets, big-endian). Other lengths are ignored. */
function readNetworkErrorCode(value: Buffer | undefined): NetworkErrorCode | undefined {
  if (!value || value.length !== 3) return undefined;
  return { networkType: value[0]!, errorCode: value.readUInt16BE(1) };
}
