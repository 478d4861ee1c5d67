import { cOctetStringMaxChars } from '../protocol/codec/c-octet-string-max-chars.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import type { LongMessageMethod, OutboundMessage } from '../message/outbound-message.interface.js';

const LONG_METHODS: readonly LongMessageMethod[] = ['udh8', 'udh16', 'sar', 'payload'];
/** §7.1.1: YYMMDDhhmmsstnnp, t tenths, nn quarter-hours 00-48, p '+', '-' or 'R'. */
const SMPP_TIME = /^\d{12}\d(?:[0-3]\d|4[0-8])[+\-R]$/;
/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** TONs whose addresses are numbers (Table 5-3): international, national, subscriber. */
function isNumericTon(ton: number): boolean {
  return ton === 1 || ton === 2 || ton === 4;
}
/** TON 5, alphanumeric (SMPP 3.4 Table 5-3). */
const ALPHANUMERIC_TON = 5;
/**
 * Longest alphanumeric sender: GSM 03.40 §9.1.2.5 gives the address value at most 10 octets, and an
 * alphanumeric one is packed GSM 7-bit, so 80 bits hold 11 characters. SMSCs refuse or truncate longer ones.
 */
export const MAX_ALPHANUMERIC_SENDER = 11;
/** source_addr and destination_addr of submit_sm hold the same (§5.2.8, §5.2.9): 20 characters. */
const MAX_ADDRESS = cOctetStringMaxChars('submit_sm', 'destination_addr');
/** service_type: 5 characters (§5.2.11). */
const MAX_SERVICE_TYPE = cOctetStringMaxChars('submit_sm', 'service_type');
/** Digits only (a module constant: a regex literal in a function body is a new RegExp per call). */
const DIGITS_ONLY = /^\d*$/;

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function fail(field: string, rule: string, message: string): never {
  throw new InvalidMessageError(field, rule, message);
}

function checkAddress(field: string, value: unknown, ton: number, section: string): void {
  if (typeof value !== 'string') fail(field, 'type', `${field} must be a string, got ${typeof value}`);
  if (value.length > MAX_ADDRESS) {
    fail(
      field,
      'max-length',
      `${field} ${show(value)} is ${value.length} characters; SMPP 3.4 allows at most ${MAX_ADDRESS} (${section})`,
    );
  }
  if (isNumericTon(ton) && !DIGITS_ONLY.test(value)) {
    fail(
      field,
      'digits',
      `${field} ${show(value)} must contain digits only for TON ${ton} (SMPP 3.4 Table 5-3); ` +
        'use an international number without "+" or spaces, or set the TON to 5 (alphanumeric)',
    );
  }
}

function checkOctet(field: string, value: unknown, max = 0xff, section = ''): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    fail(
      field,
      'range',
      `${field} must be an integer 0..${max}${section ? ` (${section})` : ''}, got ${show(value)}`,
    );
  }
}

function checkTime(field: string, value: unknown, section: string): void {
  if (value === undefined || value === '') return;
  if (typeof value !== 'string' || !SMPP_TIME.test(value)) {
    fail(
      field,
      'time-format',
      `${field} ${show(value)} is not an SMPP time: expected YYMMDDhhmmsstnnp, e.g. "000001000000000R" for one day relative (${section})`,
    );
  }
}

/** The address defaults a message falls back on, from `SmppClientOptions.defaults`. */
export interface MessageAddressDefaults {
  from: string;
  sourceAddrTon: number;
  destAddrTon: number;
}

/**
 * Checks an outbound message field by field, before it is queued or encoded.
 *
 * @remarks
 * Every violation is an `InvalidMessageError` naming the SMPP field (or message property) and the rule, with the
 * spec section: `destination_addr "..." is 24 characters; SMPP 3.4 allows at most 20 (§5.2.9)`. Limits that
 * depend on the encoding (part count, unencodable characters) are checked when the message is built.
 *
 * @throws InvalidMessageError
 */
export function validateOutboundMessage(message: OutboundMessage, defaults: MessageAddressDefaults): void {
  if (typeof message !== 'object' || message === null) fail('message', 'type', 'a message must be an object');
  if (message.to === undefined || message.to === '') {
    fail('destination_addr', 'required', 'destination_addr (message.to) is required');
  }
  checkOctet('dest_addr_ton', message.destAddrTon, 0xff, 'SMPP 3.4 §5.2.5');
  checkOctet('dest_addr_npi', message.destAddrNpi, 0xff, 'SMPP 3.4 §5.2.6');
  checkOctet('source_addr_ton', message.sourceAddrTon, 0xff, 'SMPP 3.4 §5.2.5');
  checkOctet('source_addr_npi', message.sourceAddrNpi, 0xff, 'SMPP 3.4 §5.2.6');
  checkAddress('destination_addr', message.to, message.destAddrTon ?? defaults.destAddrTon, '§5.2.9');
  const from = message.from ?? defaults.from;
  const sourceTon = message.sourceAddrTon ?? defaults.sourceAddrTon;
  checkAddress('source_addr', from, sourceTon, '§5.2.8');
  if (sourceTon === ALPHANUMERIC_TON && from.length > MAX_ALPHANUMERIC_SENDER) {
    fail(
      'from',
      'alphanumeric-max-length',
      `from ${show(from)} is ${from.length} characters; an alphanumeric sender (source_addr_ton 5) allows at most ` +
        `${MAX_ALPHANUMERIC_SENDER} (GSM 03.40 §9.1.2.5): shorten it, or send from a number with TON 1`,
    );
  }

  const hasText = message.text !== undefined;
  const hasBytes = message.bytes !== undefined;
  if (hasText === hasBytes) {
    fail('short_message', hasText ? 'exclusive' : 'required', 'a message needs exactly one of text or bytes');
  }
  if (hasText && typeof message.text !== 'string')
    fail('text', 'type', `text must be a string, got ${typeof message.text}`);
  if (hasBytes && !Buffer.isBuffer(message.bytes)) fail('bytes', 'type', 'bytes must be a Buffer');
  if (hasText && message.text !== undefined && LONE_SURROGATE.test(message.text)) {
    fail(
      'text',
      'well-formed',
      'text contains a lone UTF-16 surrogate: it cannot be encoded in any SMS alphabet',
    );
  }

  checkOctet('data_coding', message.dataCoding, 0xff, 'SMPP 3.4 §5.2.19');
  if (message.longMessage !== undefined && !LONG_METHODS.includes(message.longMessage)) {
    fail(
      'longMessage',
      'enum',
      `longMessage must be one of ${LONG_METHODS.join(', ')}, got ${show(message.longMessage)}`,
    );
  }
  if (typeof message.registeredDelivery !== 'boolean') {
    checkOctet('registered_delivery', message.registeredDelivery, 0xff, 'SMPP 3.4 §5.2.17');
  }
  if (message.serviceType !== undefined) {
    if (typeof message.serviceType !== 'string' || message.serviceType.length > MAX_SERVICE_TYPE) {
      fail(
        'service_type',
        'max-length',
        `service_type ${show(message.serviceType)} must be a string of at most ${MAX_SERVICE_TYPE} characters (SMPP 3.4 §5.2.11)`,
      );
    }
  }
  checkOctet('esm_class', message.esmClass, 0xff, 'SMPP 3.4 §5.2.12');
  checkOctet('protocol_id', message.protocolId, 0xff, 'SMPP 3.4 §5.2.13');
  // priority_flag levels 0-3; higher values are reserved (§5.2.14).
  checkOctet('priority_flag', message.priorityFlag, 3, 'SMPP 3.4 §5.2.14');
  checkTime('schedule_delivery_time', message.scheduleDeliveryTime, 'SMPP 3.4 §5.2.15, §7.1.1');
  checkTime('validity_period', message.validityPeriod, 'SMPP 3.4 §5.2.16, §7.1.1');

  if (message.correlationId !== undefined) {
    if (
      typeof message.correlationId !== 'string' ||
      message.correlationId === '' ||
      message.correlationId.length > 256
    ) {
      fail('correlationId', 'type', 'correlationId must be a non-empty string of at most 256 characters');
    }
  }
  if (
    message.metadata !== undefined &&
    (typeof message.metadata !== 'object' || message.metadata === null || Array.isArray(message.metadata))
  ) {
    fail('metadata', 'type', 'metadata must be a plain object');
  }
  if (message.tlvs !== undefined && (typeof message.tlvs !== 'object' || message.tlvs === null)) {
    fail('tlvs', 'type', 'tlvs must be an object keyed by TLV name');
  }
  if (message.tlvs?.message_payload !== undefined && message.longMessage !== 'payload') {
    // §5.2.21: short_message and message_payload must not be used together; the builder manages payload.
    fail(
      'tlvs.message_payload',
      'managed',
      'tlvs.message_payload is set by the library: use longMessage: "payload" instead',
    );
  }
}
