import { chooseDataCoding } from '../../protocol/encoding/index.js';
import { splitMessage } from '../../protocol/long-message/index.js';
import type { PduInput } from '../../protocol/pdu.types.js';
import type { MoMessage } from '../simulator-options.interface.js';

/** Default MO addresses: a UK drama-range mobile number (Ofcom 07700 900xxx) and a short code. */
export const DEFAULT_MO_SOURCE = '447700900001';
export const DEFAULT_MO_DESTINATION = '1234';

/**
 * The deliver_sm PDUs (SMPP 3.4 §4.6.1) that carry one mobile-originated message, split like a handset's
 * network would: a UDH with an 8- or 16-bit reference, SAR TLVs, or one message_payload.
 *
 * @param reference - concatenation reference shared by all parts (taken modulo 256 for udh8).
 */
export function buildMoPdus(message: MoMessage, reference: number): PduInput<'deliver_sm'>[] {
  const base = {
    command: 'deliver_sm' as const,
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: message.source_addr ?? DEFAULT_MO_SOURCE,
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: message.destination_addr ?? DEFAULT_MO_DESTINATION,
  };
  if (message.short_message !== undefined) {
    return [
      { ...base, esm_class: 0, data_coding: message.data_coding ?? 0, short_message: message.short_message },
    ];
  }
  const text = message.text ?? 'Hello from naz-smsc';
  const dataCoding = message.data_coding ?? chooseDataCoding(text);
  const parts = splitMessage(text, { dataCoding, method: message.split ?? 'udh8', reference });
  return parts.map((part) => ({
    ...base,
    esm_class: part.esm_class,
    data_coding: part.data_coding,
    short_message: part.short_message,
    ...(part.tlvs === undefined ? {} : { tlvs: { ...part.tlvs } }),
  }));
}
