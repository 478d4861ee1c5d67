/**
 * Factories for the PduEncodeErrors of encodePdu: each message names the field, the value, the rule, the
 * spec section, and how to fix it.
 */
import { PduEncodeError } from '../errors/pdu-encode.error.js';

const ADDRESS_HINT = ' Use an international number without "+" or spaces.';

function specName(section: string): string {
  return section.startsWith('v5.0') ? 'SMPP v5.0' : 'SMPP 3.4';
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/** A C-Octet String longer than its maximum (which counts the NUL, §3.1). */
export function maxLengthError(command: string, field: string, value: string, max: number, section: string) {
  const hint = field.endsWith('_addr') ? ADDRESS_HINT : '';
  return new PduEncodeError(
    `${field} ${quote(value)} is ${value.length} octets; ${specName(section)} allows at most ${max - 1} ` +
      `(${section}: C-Octet String of at most ${max} octets including the NUL).${hint}`,
    { field, rule: 'max-length', command },
  );
}

/** A C-Octet String with a non-ASCII character or an embedded NUL (§3.1: C-Octet Strings are ASCII). */
export function asciiError(command: string, field: string, value: string, index: number) {
  const code = value.charCodeAt(index);
  const what = code === 0 ? 'a NUL' : `the non-ASCII character ${JSON.stringify(value[index])}`;
  return new PduEncodeError(
    `${field} ${quote(value)} contains ${what} at index ${index}; C-Octet Strings are ASCII without NUL ` +
      `(SMPP 3.4 §3.1). Put text in short_message/message_payload with a data_coding instead.`,
    { field, rule: 'ascii-only', command },
  );
}

/** A time field that is neither empty nor 16 characters (§7.1.1). */
export function timeFormatError(command: string, field: string, value: string) {
  return new PduEncodeError(
    `${field} ${quote(value)} is ${value.length} characters; SMPP 3.4 time fields are empty or exactly 16 ` +
      `characters "YYMMDDhhmmsstnnp" (§7.1.1, Fixed C-Octet String of 1 or 17 octets).`,
    { field, rule: 'time-format', command },
  );
}

/** A value of the wrong JavaScript type. */
export function fieldTypeError(command: string, field: string, expected: string, value: unknown) {
  const got = value === null ? 'null' : Buffer.isBuffer(value) ? 'Buffer' : typeof value;
  return new PduEncodeError(`${field} must be ${expected}; got ${got}.`, {
    field,
    rule: 'field-type',
    command,
  });
}

/** An integer outside the range of its field. */
export function integerRangeError(
  command: string,
  field: string,
  value: unknown,
  max: number,
  section: string,
) {
  return new PduEncodeError(
    `${field} ${String(value)} is not an integer from 0 to ${max} (${section}, ${specName(section)}).`,
    { field, rule: 'integer-range', command },
  );
}

/** short_message of 255 or more octets (§5.2.21). */
export function shortMessageLengthError(command: string, length: number) {
  return new PduEncodeError(
    `short_message is ${length} octets; SMPP 3.4 allows at most 254 (§5.2.21, sm_length 255 is not allowed). ` +
      `Send longer content in the message_payload TLV with an empty short_message, or split the message.`,
    { field: 'short_message', rule: 'short-message-length', command },
  );
}

/** short_message and message_payload together (§5.2.21). */
export function shortMessageAndPayloadError(command: string) {
  return new PduEncodeError(
    `short_message and tlvs.message_payload are both set; SMPP 3.4 forbids using both (§5.2.21). ` +
      `Leave short_message empty (sm_length 0) when sending message_payload.`,
    { field: 'short_message', rule: 'short-message-and-payload', command },
  );
}
