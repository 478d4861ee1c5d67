import type { OutboundMessage } from '../../../lib/message/outbound-message.interface.js';

/** One row of the bad-input table: a message an application might hand over, and the field to blame. */
export interface InvalidMessageCase {
  name: string;
  /** Typed loosely on purpose: JavaScript callers pass anything. */
  message: unknown;
  /** The `.field` of the expected InvalidMessageError. */
  field: string;
  /**
   * KNOWN GAP: the error's `.field` is right but its message does not name the field (lib/client/build-submit-pdus.ts
   * passes the codec's or splitter's message through unchanged).
   */
  messageLacksField?: true;
}

const TO = '447700900123';
const ok = { to: TO, text: 'hello' } satisfies OutboundMessage;

/**
 * At least 30 invalid messages, each breaking one rule: SMPP limits (address lengths, octet ranges, time formats),
 * encodings (a forced charset that cannot carry the text), the client's own limits (parts), and the wrong types
 * a JavaScript caller can pass.
 */
export const INVALID_MESSAGES: InvalidMessageCase[] = [
  { name: 'not an object (null)', message: null, field: 'message' },
  { name: 'not an object (a string)', message: 'hello', field: 'message' },
  { name: 'destination missing', message: { text: 'hello' }, field: 'destination_addr' },
  { name: 'destination empty', message: { to: '', text: 'hello' }, field: 'destination_addr' },
  {
    name: 'destination too long (21)',
    message: { to: '1'.repeat(21), text: 'hello' },
    field: 'destination_addr',
  },
  {
    name: 'destination is a number',
    message: { to: 447700900123, text: 'hello' },
    field: 'destination_addr',
  },
  { name: 'destination is an array', message: { to: [TO], text: 'hello' }, field: 'destination_addr' },
  {
    name: 'destination with "+" and spaces for an international TON',
    message: { ...ok, to: '+44 7700 900123', destAddrTon: 1 },
    field: 'destination_addr',
  },
  { name: 'source too long (21)', message: { ...ok, from: 'A'.repeat(21) }, field: 'source_addr' },
  {
    name: 'source alphanumeric with TON 1',
    message: { ...ok, from: 'ACME', sourceAddrTon: 1 },
    field: 'source_addr',
  },
  { name: 'source is an object', message: { ...ok, from: { name: 'ACME' } }, field: 'source_addr' },
  { name: 'neither text nor bytes', message: { to: TO }, field: 'short_message' },
  { name: 'both text and bytes', message: { ...ok, bytes: Buffer.from('hi') }, field: 'short_message' },
  { name: 'text is a number', message: { to: TO, text: 42 }, field: 'text' },
  { name: 'bytes is a string', message: { to: TO, bytes: 'hello' }, field: 'bytes' },
  {
    name: 'text too long even for message_payload',
    message: { to: TO, text: 'x'.repeat(70_000), longMessage: 'payload' },
    field: 'text',
    messageLacksField: true,
  },
  { name: 'text with a lone surrogate', message: { to: TO, text: 'bad \ud83d end' }, field: 'text' },
  { name: 'data_coding above 255', message: { ...ok, dataCoding: 256 }, field: 'data_coding' },
  { name: 'data_coding negative', message: { ...ok, dataCoding: -1 }, field: 'data_coding' },
  { name: 'data_coding fractional', message: { ...ok, dataCoding: 1.5 }, field: 'data_coding' },
  { name: 'data_coding as a string', message: { ...ok, dataCoding: '8' }, field: 'data_coding' },
  {
    name: 'data_coding with no text codec (0x09 pictogram)',
    message: { ...ok, dataCoding: 0x09 },
    field: 'data_coding',
  },
  { name: 'data_coding reserved (0x0B)', message: { ...ok, dataCoding: 0x0b }, field: 'data_coding' },
  {
    name: 'Chinese text forced into GSM 03.38',
    message: { to: TO, text: '你好', dataCoding: 0 },
    field: 'text',
    messageLacksField: true,
  },
  {
    name: 'euro sign forced into Latin-1',
    message: { to: TO, text: 'price: 5€', dataCoding: 3 },
    field: 'text',
    messageLacksField: true,
  },
  {
    name: 'too many parts (2,000 characters, 10 allowed)',
    message: { to: TO, text: 'x'.repeat(2000) },
    field: 'text',
  },
  {
    name: 'unknown long-message method',
    message: { ...ok, longMessage: 'carrier-pigeon' },
    field: 'longMessage',
  },
  {
    name: 'registered_delivery fractional',
    message: { ...ok, registeredDelivery: 2.5 },
    field: 'registered_delivery',
  },
  {
    name: 'registered_delivery as a string',
    message: { ...ok, registeredDelivery: 'yes' },
    field: 'registered_delivery',
  },
  { name: 'service_type too long', message: { ...ok, serviceType: 'TOOLONG' }, field: 'service_type' },
  { name: 'esm_class above 255', message: { ...ok, esmClass: 300 }, field: 'esm_class' },
  { name: 'esm_class as a string', message: { ...ok, esmClass: '3' }, field: 'esm_class' },
  {
    name: 'registered_delivery negative',
    message: { ...ok, registeredDelivery: -1 },
    field: 'registered_delivery',
  },
  { name: 'protocol_id negative', message: { ...ok, protocolId: -5 }, field: 'protocol_id' },
  { name: 'priority_flag 4 (reserved)', message: { ...ok, priorityFlag: 4 }, field: 'priority_flag' },
  { name: 'dest_addr_ton above 255', message: { ...ok, destAddrTon: 256 }, field: 'dest_addr_ton' },
  { name: 'dest_addr_npi negative', message: { ...ok, destAddrNpi: -1 }, field: 'dest_addr_npi' },
  {
    name: 'source_addr_ton as a string',
    message: { ...ok, sourceAddrTon: 'five' },
    field: 'source_addr_ton',
  },
  { name: 'source_addr_npi NaN', message: { ...ok, sourceAddrNpi: Number.NaN }, field: 'source_addr_npi' },
  {
    name: 'schedule_delivery_time in words',
    message: { ...ok, scheduleDeliveryTime: 'tomorrow' },
    field: 'schedule_delivery_time',
  },
  {
    name: 'validity_period without tenths and zone',
    message: { ...ok, validityPeriod: '2401011200' },
    field: 'validity_period',
  },
  {
    name: 'validity_period quarter-hours 49',
    message: { ...ok, validityPeriod: '240101120000049+' },
    field: 'validity_period',
  },
  { name: 'correlationId empty', message: { ...ok, correlationId: '' }, field: 'correlationId' },
  { name: 'correlationId a number', message: { ...ok, correlationId: 42 }, field: 'correlationId' },
  {
    name: 'correlationId of 300 characters',
    message: { ...ok, correlationId: 'c'.repeat(300) },
    field: 'correlationId',
  },
  { name: 'metadata an array', message: { ...ok, metadata: [1, 2] }, field: 'metadata' },
  { name: 'metadata a string', message: { ...ok, metadata: 'x' }, field: 'metadata' },
  { name: 'tlvs a string', message: { ...ok, tlvs: 'x' }, field: 'tlvs' },
  {
    name: 'tlvs.message_payload without longMessage "payload"',
    message: { ...ok, tlvs: { message_payload: Buffer.from('x') } },
    field: 'tlvs.message_payload',
  },
];

/**
 * Messages that break a rule only the PDU encoder checks today: `submit()` rejects them with a
 * `PduEncodeError` naming the field and nothing reaches the wire, but `send()` queues them and they fail later
 * (a 'failed' event), instead of `send()` rejecting at once.
 */
export const ENCODER_CAUGHT_MESSAGES: InvalidMessageCase[] = [
  {
    name: 'alphanumeric destination with a NUL inside',
    message: { to: 'AB\u0000CD', destAddrTon: 5, text: 'hello' },
    field: 'destination_addr',
  },
  {
    name: 'service_type with a NUL inside',
    message: { ...ok, serviceType: 'A\u0000B' },
    field: 'service_type',
  },
  { name: 'non-ASCII alphanumeric source', message: { ...ok, from: 'Ünïcödé' }, field: 'source_addr' },
  { name: 'an unknown TLV name', message: { ...ok, tlvs: { foo_bar: 1 } }, field: 'tlvs.foo_bar' },
  {
    name: 'a TLV value out of range',
    message: { ...ok, tlvs: { sar_msg_ref_num: 70_000 } },
    field: 'tlvs.sar_msg_ref_num',
  },
  {
    name: 'a TLV value of the wrong type',
    message: { ...ok, tlvs: { user_message_reference: 'one' } },
    field: 'tlvs.user_message_reference',
  },
];
