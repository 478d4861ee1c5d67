import { defaultTextCodecs } from '../../protocol/encoding/index.js';
import type { PduInput } from '../../protocol/pdu.types.js';
import { formatDeliveryReceiptText } from '../../protocol/receipt/index.js';
import type { StoredRequest } from '../store/stored-message-operations.js';
import { RECEIPT_ERROR_CODES, RECEIPT_STATES, type FinalReceiptState } from './receipt-state.js';

/** esm_class message type "SMSC Delivery Receipt" (bits 5-2 = 0001, §5.2.12). */
export const ESM_CLASS_DELIVERY_RECEIPT = 0x04;

/** network_error_code network type GSM (§5.3.2.31: 1 ANSI-136, 2 IS-95, 3 GSM). */
const NETWORK_TYPE_GSM = 3;

/** What one receipt reports. */
export interface ReceiptFacts {
  /** The message id the ESME got in submit_sm_resp. */
  messageId: string;
  state: FinalReceiptState;
  submittedAt: number;
  doneAt: number;
  /** The mobile the message went to (the receipt's source_addr): one destination of a submit_multi. */
  recipient?: { ton: number; npi: number; addr: string };
}

/** The original text (after any UDH), decoded with its data_coding; binary content gives ''. */
function originalText(request: StoredRequest): string {
  let bytes: Buffer | undefined = request.tlvs?.message_payload;
  if (request.command !== 'data_sm' && request.short_message.length > 0) bytes = request.short_message;
  if (bytes === undefined || bytes.length === 0) return '';
  // UDHI (0x40, §5.2.12): the first octet is the header length, skip the header.
  if ((request.esm_class & 0x40) !== 0) bytes = bytes.subarray(Math.min(bytes.length, bytes[0] + 1));
  return defaultTextCodecs.decode(bytes, request.data_coding).text ?? '';
}

/**
 * Keeps characters whose GSM 03.38 code equals their ASCII code, so the receipt text means the same whether the
 * ESME reads data_coding 0 as GSM or as ASCII; anything else becomes '?'.
 */
export function receiptSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,:;!?'"()+\-*/=<>#%&]/g, '?');
}

/**
 * The Appendix B text: `id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000
 * text:…` with the first 20 characters of the message.
 */
export function receiptText(facts: ReceiptFacts, text: string): string {
  return formatDeliveryReceiptText({
    id: facts.messageId,
    submitDate: new Date(facts.submittedAt),
    doneDate: new Date(facts.doneAt),
    stat: facts.state,
    err: RECEIPT_ERROR_CODES[facts.state],
    text: receiptSafe(text.slice(0, 20)),
  });
}

/**
 * The deliver_sm carrying a delivery receipt for `request` (SMPP 3.4 §4.6.1, §5.2.12, Appendix B).
 *
 * @remarks
 * Addresses are swapped (the receipt comes from the recipient), esm_class is 0x04, and the TLVs a client
 * should prefer over the text are set: receipted_message_id, message_state and, for failures,
 * network_error_code (§5.3.2.12, §5.3.2.35, §5.3.2.31).
 */
export function buildReceipt(request: StoredRequest, facts: ReceiptFacts): PduInput<'deliver_sm'> {
  const recipient =
    facts.recipient ??
    (request.command === 'submit_multi'
      ? { ton: 0, npi: 0, addr: '' }
      : { ton: request.dest_addr_ton, npi: request.dest_addr_npi, addr: request.destination_addr });
  const error = RECEIPT_ERROR_CODES[facts.state];
  const text = receiptText(facts, originalText(request));
  return {
    command: 'deliver_sm',
    source_addr_ton: recipient.ton,
    source_addr_npi: recipient.npi,
    source_addr: recipient.addr,
    dest_addr_ton: request.source_addr_ton,
    dest_addr_npi: request.source_addr_npi,
    destination_addr: request.source_addr,
    esm_class: ESM_CLASS_DELIVERY_RECEIPT,
    data_coding: 0,
    short_message: Buffer.from(text, 'latin1'),
    tlvs: {
      receipted_message_id: facts.messageId,
      message_state: RECEIPT_STATES[facts.state],
      ...(facts.state === 'DELIVRD' || error === 0
        ? {}
        : { network_error_code: Buffer.from([NETWORK_TYPE_GSM, (error >> 8) & 0xff, error & 0xff]) }),
    },
  };
}
