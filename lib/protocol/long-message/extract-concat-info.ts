import type { Tlvs } from '../tlv.types.js';
import { ConcatIei, ESM_CLASS_UDHI } from './long-message.constants.js';

/** Which part of which long message a PDU carries. */
export interface ConcatInfo {
  /** How the parts are linked: 8-bit or 16-bit reference UDH, or SAR TLVs. */
  method: 'udh8' | 'udh16' | 'sar';
  /** The reference shared by all parts of the message. */
  reference: number;
  /** Number of parts, 1-255. */
  total: number;
  /** This part's position, 1..total. */
  seq: number;
}

/** One information element of a user data header (TS 23.040 §9.2.3.24). */
export interface InformationElement {
  /** Information element identifier, e.g. 0x00 (concatenation) or 0x05 (application ports). */
  iei: number;
  data: Buffer;
}

/** The user data of a deliver_sm / data_sm, its header taken apart. */
export interface ExtractedUserData {
  /** The user data without the UDH: the (part of the) message itself. */
  payload: Buffer;
  /** Octets of UDH removed from the front, UDHL included; 0 without a UDH. Packed GSM needs it for fill bits. */
  headerLength: number;
  /** Set when the PDU is one part of a long message. */
  concat?: ConcatInfo;
  /** Every IE of the UDH, in order (concatenation IEs included); empty without a UDH. */
  elements: InformationElement[];
  /** Which field held the user data: short_message, or message_payload when short_message was empty. */
  field: 'short_message' | 'message_payload';
  /**
   * Why the UDH announced by esm_class could not be read completely, if so. The PDU is then treated as
   * a whole message: never thrown, because inbound traffic must not kill the session.
   */
  udhError?: string;
}

/** The fields of a deliver_sm or data_sm that carry user data. */
export interface UserDataPdu {
  esm_class: number;
  /** Absent in data_sm. */
  short_message?: Buffer;
  tlvs?: Tlvs;
}

/**
 * Reads the user data of a deliver_sm / data_sm: strips the UDH when esm_class has UDHI (0x40), and finds
 * the concatenation info in it (`05 00 03 ref total seq`, `06 08 04 refHi refLo total seq`, also after other
 * IEs) or in the SAR TLVs.
 *
 * @remarks
 * The content is short_message, or the message_payload TLV when short_message is empty (SMPP 3.4 §5.2.21).
 * A concatenation IE with total 0, seq 0 or seq > total is ignored, as TS 23.040 §9.2.3.24.1 requires;
 * when one repeats, the last occurrence counts (§9.2.3.24).
 */
export function extractConcatInfo(pdu: UserDataPdu): ExtractedUserData {
  const fromPayload = (!pdu.short_message || pdu.short_message.length === 0) && pdu.tlvs?.message_payload;
  const content = fromPayload ? pdu.tlvs!.message_payload! : (pdu.short_message ?? Buffer.alloc(0));
  const field = fromPayload ? 'message_payload' : 'short_message';

  if ((pdu.esm_class & ESM_CLASS_UDHI) === 0) {
    return { payload: content, headerLength: 0, concat: sarInfo(pdu.tlvs), elements: [], field };
  }

  const udhl = content[0];
  if (udhl === undefined || udhl + 1 > content.length) {
    const udhError =
      udhl === undefined
        ? 'esm_class has UDHI set but the user data is empty'
        : `UDHL ${udhl} exceeds the ${content.length - 1} octets of user data that follow it`;
    return { payload: content, headerLength: 0, concat: sarInfo(pdu.tlvs), elements: [], field, udhError };
  }

  const headerLength = udhl + 1;
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | undefined;
  let udhError: string | undefined;
  for (let at = 1; at < headerLength;) {
    const iei = content[at]!;
    const length = content[at + 1];
    if (length === undefined || at + 2 + length > headerLength) {
      udhError = `information element 0x${iei.toString(16).padStart(2, '0')} at offset ${at} overruns the ${headerLength}-octet UDH`;
      break;
    }
    const data = content.subarray(at + 2, at + 2 + length);
    elements.push({ iei, data });
    concat = concatFromElement(iei, data) ?? concat;
    at += 2 + length;
  }
  return {
    payload: content.subarray(headerLength),
    headerLength,
    concat: concat ?? sarInfo(pdu.tlvs),
    elements,
    field,
    ...(udhError ? { udhError } : {}),
  };
}

function concatFromElement(iei: number, data: Buffer): ConcatInfo | undefined {
  if (iei === ConcatIei.CONCAT_8BIT && data.length === 3) {
    return validated({ method: 'udh8', reference: data[0]!, total: data[1]!, seq: data[2]! });
  }
  if (iei === ConcatIei.CONCAT_16BIT && data.length === 4) {
    return validated({ method: 'udh16', reference: data.readUInt16BE(0), total: data[2]!, seq: data[3]! });
  }
  return undefined;
}

function sarInfo(tlvs: Tlvs | undefined): ConcatInfo | undefined {
  if (
    tlvs?.sar_msg_ref_num === undefined ||
    tlvs.sar_total_segments === undefined ||
    tlvs.sar_segment_seqnum === undefined
  ) {
    return undefined;
  }
  return validated({
    method: 'sar',
    reference: tlvs.sar_msg_ref_num,
    total: tlvs.sar_total_segments,
    seq: tlvs.sar_segment_seqnum,
  });
}

function validated(info: ConcatInfo): ConcatInfo | undefined {
  return info.total >= 1 && info.seq >= 1 && info.seq <= info.total ? info : undefined;
}
