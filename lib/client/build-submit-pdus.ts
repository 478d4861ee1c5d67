import type { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';
import { UnencodableTextError } from '../protocol/encoding/unencodable-text.error.js';
import { UnknownDataCodingError } from '../protocol/encoding/unknown-data-coding.error.js';
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
  const registered = message.registeredDelivery ?? d.registeredDelivery;
  const registeredDelivery = registered === true ? 1 : registered === false ? 0 : registered;
  // One object literal per part, no `{ ...base }`: V8 spreads a 16-field object in microseconds, and this
  // runs for every message on the send path.
  const serviceType = message.serviceType ?? d.serviceType;
  const sourceAddrTon = message.sourceAddrTon ?? d.sourceAddrTon;
  const sourceAddrNpi = message.sourceAddrNpi ?? d.sourceAddrNpi;
  const sourceAddr = message.from ?? d.from;
  const destAddrTon = message.destAddrTon ?? d.destAddrTon;
  const destAddrNpi = message.destAddrNpi ?? d.destAddrNpi;
  const protocolId = message.protocolId ?? 0;
  const priorityFlag = message.priorityFlag ?? 0;
  const scheduleDeliveryTime = message.scheduleDeliveryTime ?? '';
  const validityPeriod = message.validityPeriod ?? '';
  const pdus = new Array<SubmitSmInput>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const pdu: SubmitSmInput = {
      command: 'submit_sm',
      service_type: serviceType,
      source_addr_ton: sourceAddrTon,
      source_addr_npi: sourceAddrNpi,
      source_addr: sourceAddr,
      dest_addr_ton: destAddrTon,
      dest_addr_npi: destAddrNpi,
      destination_addr: message.to,
      protocol_id: protocolId,
      priority_flag: priorityFlag,
      schedule_delivery_time: scheduleDeliveryTime,
      validity_period: validityPeriod,
      registered_delivery: registeredDelivery,
      esm_class: part.esm_class,
      data_coding: part.data_coding,
      short_message: part.short_message,
    };
    if (part.tlvs || message.tlvs) pdu.tlvs = { ...message.tlvs, ...part.tlvs };
    pdus[i] = pdu;
  }
  return pdus;
}
