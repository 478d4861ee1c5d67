import { defaultTextCodecs } from '../../../protocol/encoding/index.js';
import { extractConcatInfo, type UserDataPdu } from '../../../protocol/long-message/index.js';

/** Text beyond this is cut: the console is for glancing; `GET /api/messages/:id` has the whole request. */
const MAX_TEXT = 200;

/** What the console shows of a message's user data. */
export interface UserDataSummary {
  /** The decoded text (cut at 200 characters), when the data_coding is a text one. */
  text?: string;
  /** `seq/total` when the PDU is one part of a long message (UDH or SAR). */
  part?: string;
  /** The octet count of binary (or undecodable) data. */
  note?: string;
}

/** Decodes the text of a submit or deliver_sm as a handset would show it, after its UDH. */
export function describeUserData(pdu: UserDataPdu & { data_coding: number }): UserDataSummary {
  const data = extractConcatInfo(pdu);
  const decoded = defaultTextCodecs.decode(data.payload, pdu.data_coding, data.headerLength);
  const part = data.concat === undefined ? {} : { part: `${data.concat.seq}/${data.concat.total}` };
  if (decoded.text === undefined) {
    return { ...part, note: `${data.payload.length} octets, data_coding ${pdu.data_coding}` };
  }
  const text = decoded.text.length > MAX_TEXT ? `${decoded.text.slice(0, MAX_TEXT)}…` : decoded.text;
  return { ...part, text };
}
