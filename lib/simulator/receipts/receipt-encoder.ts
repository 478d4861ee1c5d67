import { CommandId } from '../../protocol/command-ids.js';
import { gsm7Codec } from '../../protocol/encoding/gsm7.codec.js';
import { defaultTextCodecs } from '../../protocol/encoding/index.js';
import { PDU_HEADER_LENGTH } from '../../protocol/pdu.constants.js';
import { utcDigits } from '../../protocol/receipt/utc-digits.js';
import { TLV_BY_NAME } from '../../protocol/codec/compiled-schemas.js';
import { scanSubmitSm } from '../connection/scan-submit-sm.js';
import { ESM_CLASS_DELIVERY_RECEIPT, receiptSafe } from './build-receipt.js';
import { RECEIPT_ERROR_CODES, RECEIPT_STATES, RECEIPT_STATE_NAMES } from './receipt-state.js';

const DELIVER_SM = CommandId.deliver_sm;
const SUBMIT_SM = CommandId.submit_sm;
const ESC = 0x1b;
/** esm_class UDHI (§5.2.12): the short message starts with a user data header. */
const UDHI = 0x40;
/** Characters of the original message a receipt quotes (Appendix B: "the first 20 characters"). */
const TEXT_CHARS = 20;
const TLV_RECEIPTED_MESSAGE_ID = tagOf('receipted_message_id');
const TLV_MESSAGE_STATE = tagOf('message_state');
const TLV_NETWORK_ERROR_CODE = tagOf('network_error_code');
/** network_error_code network type GSM (§5.3.2.31), as `buildReceipt` writes it. */
const NETWORK_TYPE_GSM = 3;

function tagOf(name: string): number {
  const def = TLV_BY_NAME.get(name);
  if (def === undefined) throw new Error(`receipt encoder: no TLV ${name}`);
  return def.tag;
}

/**
 * What one GSM 03.38 octet (not ESC) becomes in a receipt's `text:`: its character as the codec decodes it,
 * through `receiptSafe`. Derived from those two functions themselves, so the fast path cannot drift from them.
 */
const GSM_TEXT_OCTET = ((): Uint8Array => {
  const table = new Uint8Array(256);
  for (let octet = 0; octet < 256; octet++) {
    if (octet === ESC) continue;
    const text = receiptSafe(gsm7Codec.decode(Buffer.from([octet])));
    if (text.length !== 1 || text.charCodeAt(0) > 0x7f)
      throw new Error(`receipt encoder: GSM octet ${octet}`);
    table[octet] = text.charCodeAt(0);
  }
  return table;
})();

/**
 * Writes the deliver_sm of a delivery receipt straight from the stored submit_sm frame, octet for octet what
 * `encodePdu(buildReceipt(decodeStored(frame), facts))` gives (a property test holds it to that).
 *
 * @remarks
 * At one receipt per message the general path (decode the stored frame into an object, build the receipt
 * object and its text with two `Date`s, encode it through the schema) cost the simulator more CPU per message
 * than the client under test spent (issue 13: ~6.4 µs per message with its receipt at window 100). This path
 * takes only the common case: a plain submit_sm (the fast scan accepts it: no TLVs), data_coding 0 decoded by
 * the built-in GSM codec, no UDH and no ESC among the quoted octets, and one recipient. Anything else returns
 * -1 from {@link measure} and goes the general path.
 *
 * Use: {@link measure}, then {@link write} into a buffer of that many octets, with nothing in between (the
 * offsets found by the first are kept for the second).
 */
export class ReceiptEncoder {
  /** registered_delivery of the submit the last {@link measure} accepted. */
  registeredDelivery = 0;
  private frame: Buffer = Buffer.alloc(0);
  private sourceAddrAt = 0;
  private sourceAddrEnd = 0;
  private destinationAddrAt = 0;
  private destinationAddrEnd = 0;
  private textAt = 0;
  private textLength = 0;
  private messageId = '';
  private stateIndex = 0;
  private middle: Buffer = Buffer.alloc(0);
  private cachedSubmitMinute = -1;
  private cachedDoneMinute = -1;
  private cachedState = -1;

  /**
   * Checks that the receipt of `frame` can be written here and returns its command_length, or -1.
   *
   * @param stateIndex - index into `RECEIPT_STATE_NAMES` of the final state the receipt reports.
   */
  measure(frame: Buffer, messageId: string, stateIndex: number, submittedAt: number, doneAt: number): number {
    if (frame.readUInt32BE(4) !== SUBMIT_SM) return -1;
    const registeredDelivery = scanSubmitSm(frame);
    if (registeredDelivery < 0) return -1;
    // The scan accepted it: every C-Octet String below is terminated within its limit, and no TLV follows.
    let o = frame.indexOf(0, PDU_HEADER_LENGTH) + 3; // service_type, source_addr_ton, source_addr_npi
    const sourceAddrAt = o;
    o = frame.indexOf(0, o);
    const sourceAddrEnd = o;
    const destinationAddrAt = o + 3; // NUL, dest_addr_ton, dest_addr_npi
    o = frame.indexOf(0, destinationAddrAt);
    const destinationAddrEnd = o;
    const esmClass = frame[o + 1];
    // esm_class, protocol_id, priority_flag, two NULL times, registered_delivery, replace_if_present_flag.
    const dataCoding = frame[o + 8];
    const smLength = frame[o + 10];
    const textAt = o + 11;
    if (dataCoding !== 0 || (esmClass & UDHI) !== 0 || defaultTextCodecs.get(0) !== gsm7Codec) return -1;
    const quoted = Math.min(smLength, TEXT_CHARS);
    // An ESC pair is one character: the first 20 characters would no longer be the first 20 octets.
    for (let i = 0; i < quoted; i++) if (frame[textAt + i] === ESC) return -1;
    this.registeredDelivery = registeredDelivery;
    this.frame = frame;
    this.sourceAddrAt = sourceAddrAt;
    this.sourceAddrEnd = sourceAddrEnd;
    this.destinationAddrAt = destinationAddrAt;
    this.destinationAddrEnd = destinationAddrEnd;
    this.textAt = textAt;
    this.textLength = quoted;
    this.messageId = messageId;
    this.stateIndex = stateIndex;
    this.prepareMiddle(stateIndex, submittedAt, doneAt);
    const smText = 3 + messageId.length + this.middle.length + quoted; // "id:" + id + middle + text
    const addresses = destinationAddrEnd - destinationAddrAt + 1 + (sourceAddrEnd - sourceAddrAt + 1);
    const failed = this.hasNetworkError(stateIndex);
    return (
      PDU_HEADER_LENGTH +
      1 + // service_type NULL
      2 + // source_addr_ton, source_addr_npi
      2 + // dest_addr_ton, dest_addr_npi
      addresses +
      10 + // esm_class ... sm_length
      smText +
      4 +
      messageId.length +
      1 + // receipted_message_id
      5 + // message_state
      (failed ? 7 : 0) // network_error_code
    );
  }

  /** Writes the receipt {@link measure} sized as `length` octets at `offset`; returns the offset after it. */
  write(buf: Buffer, offset: number, length: number, sequence: number): number {
    const frame = this.frame;
    let o = offset;
    buf.writeUInt32BE(length, o);
    buf.writeUInt32BE(DELIVER_SM, o + 4);
    buf.writeUInt32BE(0, o + 8);
    buf.writeUInt32BE(sequence, o + 12);
    o += PDU_HEADER_LENGTH;
    buf[o++] = 0; // service_type
    // The receipt comes from the recipient: the submit's destination is its source, and the other way round.
    buf[o++] = frame[this.destinationAddrAt - 2];
    buf[o++] = frame[this.destinationAddrAt - 1];
    o = copyOctets(frame, this.destinationAddrAt, this.destinationAddrEnd + 1, buf, o);
    buf[o++] = frame[this.sourceAddrAt - 2];
    buf[o++] = frame[this.sourceAddrAt - 1];
    o = copyOctets(frame, this.sourceAddrAt, this.sourceAddrEnd + 1, buf, o);
    buf[o++] = ESM_CLASS_DELIVERY_RECEIPT;
    buf.fill(0, o, o + 8); // protocol_id ... sm_default_msg_id, all 0 (data_coding 0: the text is ASCII-safe)
    o += 8;
    const id = this.messageId;
    buf[o++] = 3 + id.length + this.middle.length + this.textLength; // sm_length
    buf[o++] = 0x69; // 'i'
    buf[o++] = 0x64; // 'd'
    buf[o++] = 0x3a; // ':'
    o = writeAscii(id, buf, o);
    buf.set(this.middle, o);
    o += this.middle.length;
    for (let i = 0; i < this.textLength; i++) buf[o++] = GSM_TEXT_OCTET[frame[this.textAt + i]];
    buf.writeUInt16BE(TLV_RECEIPTED_MESSAGE_ID, o);
    buf.writeUInt16BE(id.length + 1, o + 2);
    o += 4;
    o = writeAscii(id, buf, o);
    buf[o++] = 0;
    buf.writeUInt16BE(TLV_MESSAGE_STATE, o);
    buf.writeUInt16BE(1, o + 2);
    buf[o + 4] = RECEIPT_STATES[RECEIPT_STATE_NAMES[this.stateIndex]];
    o += 5;
    if (this.hasNetworkError(this.stateIndex)) {
      const error = RECEIPT_ERROR_CODES[RECEIPT_STATE_NAMES[this.stateIndex]];
      buf.writeUInt16BE(TLV_NETWORK_ERROR_CODE, o);
      buf.writeUInt16BE(3, o + 2);
      buf[o + 4] = NETWORK_TYPE_GSM;
      buf[o + 5] = (error >> 8) & 0xff;
      buf[o + 6] = error & 0xff;
      o += 7;
    }
    return o;
  }

  private hasNetworkError(stateIndex: number): boolean {
    const state = RECEIPT_STATE_NAMES[stateIndex];
    return state !== 'DELIVRD' && RECEIPT_ERROR_CODES[state] !== 0;
  }

  /**
   * ` sub:… dlvrd:… submit date:… done date:… stat:… err:… text:`: the same for every receipt of one state
   * whose two dates fall in the same minutes, so it is built once per minute, not per receipt.
   */
  private prepareMiddle(stateIndex: number, submittedAt: number, doneAt: number): void {
    const submitMinute = Math.floor(submittedAt / 60_000);
    const doneMinute = Math.floor(doneAt / 60_000);
    if (
      submitMinute === this.cachedSubmitMinute &&
      doneMinute === this.cachedDoneMinute &&
      stateIndex === this.cachedState
    ) {
      return;
    }
    const state = RECEIPT_STATE_NAMES[stateIndex];
    const delivered = state === 'DELIVRD' ? '001' : '000';
    const err = String(RECEIPT_ERROR_CODES[state]).padStart(3, '0');
    const text =
      ` sub:001 dlvrd:${delivered} submit date:${utcDigits(new Date(submittedAt), 10)} ` +
      `done date:${utcDigits(new Date(doneAt), 10)} stat:${state} err:${err} text:`;
    this.middle = Buffer.from(text, 'latin1');
    this.cachedSubmitMinute = submitMinute;
    this.cachedDoneMinute = doneMinute;
    this.cachedState = stateIndex;
  }
}

/**
 * Copies `from[start..end)` to `to` at `at`; returns the offset after it. A loop, not `Buffer.copy`: these runs
 * are a few octets (addresses), where the call's own checks cost more than the copy.
 */
function copyOctets(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
  for (let i = start; i < end; i++) to[at++] = from[i];
  return at;
}

/** Writes an ASCII string (a message id, §3.1) octet by octet; returns the offset after it. */
function writeAscii(value: string, to: Buffer, at: number): number {
  for (let i = 0; i < value.length; i++) to[at++] = value.charCodeAt(i);
  return at;
}
