import { DataCoding } from '../protocol/encoding/data-coding.constants.js';
import { gsm7Codec } from '../protocol/encoding/gsm7.codec.js';
import type { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';
import { UnencodableTextError } from '../protocol/encoding/unencodable-text.error.js';
import { UnknownDataCodingError } from '../protocol/encoding/unknown-data-coding.error.js';
import { PART_CAPACITY } from '../protocol/long-message/long-message.constants.js';
import { PayloadTooLargeError } from '../protocol/long-message/payload-too-large.error.js';
import { splitBinary, splitMessage } from '../protocol/long-message/split-message.js';
import type { MessagePart } from '../protocol/long-message/message-part.interface.js';
import { TooManyPartsError } from '../protocol/long-message/too-many-parts.error.js';
import type { PduInput } from '../protocol/pdu.types.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';

/** A submit_sm ready for `session.request`: everything but the sequence number. */
export type SubmitSmInput = PduInput<'submit_sm'>;

/** The client settings the builder reads. */
export type MessageBuildSettings = Pick<ResolvedSmppClientOptions, 'defaults'>;

/** One GSM 03.38 message holds 160 septets (TS 23.040 §9.2.3.16; `PART_CAPACITY`). */
const GSM_SINGLE_SEPTETS = PART_CAPACITY.septet.single;
/** Whether `splitMessage` knows the long-message method (comparisons, not a Set: this runs per message). */
function isSplitMethod(method: string): boolean {
  return method === 'udh8' || method === 'udh16' || method === 'sar' || method === 'payload';
}

/** Turns the splitter's and codecs' errors into an `InvalidMessageError` naming the message field. */
function asInvalidMessage(error: unknown, content: 'text' | 'bytes'): never {
  if (error instanceof TooManyPartsError) {
    throw new InvalidMessageError(
      content,
      'max-parts',
      `${content} needs ${error.parts} parts; at most ${error.maxParts} are allowed (defaults.maxParts). ` +
        'Shorten the message or raise defaults.maxParts (a UDH counts parts in one octet, 255 at most).',
    );
  }
  // The codec's own sentences name the character and charset, not the message property: prefix it.
  if (error instanceof UnencodableTextError)
    throw new InvalidMessageError(content, 'encoding', `${content}: ${error.message}`);
  if (error instanceof UnknownDataCodingError)
    throw new InvalidMessageError('data_coding', 'unknown', `data_coding: ${error.message}`);
  if (error instanceof PayloadTooLargeError)
    throw new InvalidMessageError(content, 'max-length', `${content}: ${error.message}`);
  if (error instanceof Error) throw new InvalidMessageError(content, 'split', `${content}: ${error.message}`);
  throw error;
}

/**
 * Builds the submit_sm PDUs of a message: data_coding chosen (GSM 03.38 when it fits, else UCS-2), long text
 * split with the client's long-message method, every part carrying the addresses and options.
 *
 * @param reference - the concatenation reference shared by all parts (a running counter per client).
 * @throws InvalidMessageError naming the field (`text` too long for `maxParts`, unencodable characters...).
 */
export function buildSubmitPdus(
  message: OutboundMessage,
  settings: MessageBuildSettings,
  codecs: TextCodecRegistry,
  reference: number,
): SubmitSmInput[] {
  const d = settings.defaults;
  const method = message.longMessage ?? d.longMessage;
  const single = singleGsmMessage(message, method, reference, d.maxParts, codecs);
  if (single !== undefined) {
    const pdu = submitSm(message, d, single, message.esmClass ?? 0, DataCoding.SMSC_DEFAULT);
    if (message.tlvs) pdu.tlvs = { ...message.tlvs };
    return [pdu];
  }
  let parts: MessagePart[];
  try {
    parts =
      message.bytes !== undefined
        ? splitBinary(message.bytes, {
            method,
            reference,
            maxParts: d.maxParts,
            esmClass: message.esmClass,
            dataCoding: message.dataCoding,
          })
        : splitMessage(message.text ?? '', {
            method,
            reference,
            maxParts: d.maxParts,
            esmClass: message.esmClass,
            dataCoding: message.dataCoding,
            registry: codecs,
          });
  } catch (error) {
    asInvalidMessage(error, message.bytes !== undefined ? 'bytes' : 'text');
  }
  const pdus = new Array<SubmitSmInput>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const pdu = submitSm(message, d, part.short_message, part.esm_class, part.data_coding);
    if (part.tlvs || message.tlvs) pdu.tlvs = { ...message.tlvs, ...part.tlvs };
    pdus[i] = pdu;
  }
  return pdus;
}

/**
 * The short_message of the common message when it is one: text of at most 160 GSM 03.38 septets, data_coding
 * left to the library and the built-in GSM codec serving 0x00, with options the splitter accepts. Then it is
 * one part, as `splitMessage` makes it (its own single-part fast path), without the splitter's options and
 * part objects; undefined otherwise, and the splitter decides. `build-submit-pdus.property.spec.ts` holds the
 * two to the same PDUs.
 */
function singleGsmMessage(
  message: OutboundMessage,
  method: string,
  reference: number,
  maxParts: number,
  codecs: TextCodecRegistry,
): Buffer | undefined {
  const text = message.text;
  if (
    text === undefined ||
    message.bytes !== undefined ||
    message.dataCoding !== undefined ||
    text.length > GSM_SINGLE_SEPTETS ||
    // What the splitter would refuse (it names the option): leave those to it.
    !isSplitMethod(method) ||
    !Number.isSafeInteger(reference) ||
    reference < 0 ||
    !(Number.isInteger(maxParts) && maxParts >= 1 && maxParts <= 255) ||
    codecs.get(DataCoding.SMSC_DEFAULT) !== gsm7Codec
  ) {
    return undefined;
  }
  const basic = gsm7Codec.basicSeptets(text);
  if (basic !== undefined) return basic;
  const septets = gsm7Codec.countSeptets(text);
  if (septets < 0 || septets > GSM_SINGLE_SEPTETS) return undefined;
  return gsm7Codec.toSeptets(text, septets);
}

/**
 * One submit_sm: the message's addresses and options (or the client's defaults) around one part. One object
 * literal, no `{ ...base }`: V8 spreads a 16-field object in microseconds, and this runs for every message.
 */
function submitSm(
  message: OutboundMessage,
  d: ResolvedSmppClientOptions['defaults'],
  shortMessage: Buffer,
  esmClass: number,
  dataCoding: number,
): SubmitSmInput {
  const registered = message.registeredDelivery ?? d.registeredDelivery;
  return {
    command: 'submit_sm',
    service_type: message.serviceType ?? d.serviceType,
    source_addr_ton: message.sourceAddrTon ?? d.sourceAddrTon,
    source_addr_npi: message.sourceAddrNpi ?? d.sourceAddrNpi,
    source_addr: message.from ?? d.from,
    dest_addr_ton: message.destAddrTon ?? d.destAddrTon,
    dest_addr_npi: message.destAddrNpi ?? d.destAddrNpi,
    destination_addr: message.to,
    protocol_id: message.protocolId ?? 0,
    priority_flag: message.priorityFlag ?? 0,
    schedule_delivery_time: message.scheduleDeliveryTime ?? '',
    validity_period: message.validityPeriod ?? '',
    registered_delivery: registered === true ? 1 : registered === false ? 0 : registered,
    esm_class: esmClass,
    data_coding: dataCoding,
    short_message: shortMessage,
  };
}
