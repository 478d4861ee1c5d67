import type { Tlvs } from '../tlv.types.js';
import { extractConcatInfo } from './extract-concat-info.js';
import type { IncomingPart } from './reassembler.interface.js';

/** The fields of a deliver_sm / data_sm that `partFromPdu` reads. */
export interface ConcatenablePdu {
  source_addr: string;
  destination_addr: string;
  esm_class: number;
  data_coding: number;
  short_message?: Buffer;
  tlvs?: Tlvs;
}

/**
 * The reassembler part a deliver_sm / data_sm carries, or `undefined` when it is a whole message by
 * itself (no concatenation UDH or SAR TLVs; use `extractConcatInfo(pdu).payload` for its content).
 */
export function partFromPdu(pdu: ConcatenablePdu, scope?: string): IncomingPart | undefined {
  const data = extractConcatInfo(pdu);
  if (!data.concat) return undefined;
  return {
    source: pdu.source_addr,
    destination: pdu.destination_addr,
    ...(scope !== undefined ? { scope } : {}),
    concat: data.concat,
    payload: data.payload,
    headerLength: data.headerLength,
    dataCoding: pdu.data_coding,
  };
}
