import type { Tlvs } from '../tlv.types.js';

/** The SAR TLVs of one part (SMPP 3.4 §5.3.2.22-24). */
export type SarTlvs = Required<Pick<Tlvs, 'sar_msg_ref_num' | 'sar_total_segments' | 'sar_segment_seqnum'>>;

/** The message_payload TLV carrying a whole message (SMPP 3.4 §5.3.2.32). */
export type PayloadTlvs = Required<Pick<Tlvs, 'message_payload'>>;

/**
 * One submit_sm's worth of a message: copy these fields into the PDU.
 *
 * @remarks
 * When `tlvs` is present, merge it into the PDU's TLVs. With `message_payload`, `short_message` is empty:
 * SMPP 3.4 §5.2.21 forbids using both.
 */
export interface MessagePart {
  /** The octets for short_message: UDH (if any) then the encoded text. At most 254 octets. */
  short_message: Buffer;
  /** The caller's esm_class, with UDHI (0x40) set when `short_message` starts with a UDH. */
  esm_class: number;
  /** The data_coding the text was encoded with. */
  data_coding: number;
  /** SAR TLVs (method `'sar'`), or message_payload (method `'payload'`). */
  tlvs?: SarTlvs | PayloadTlvs;
}
