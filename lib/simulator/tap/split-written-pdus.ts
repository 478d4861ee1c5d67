/** The smallest command_length: a header-only PDU (SMPP 3.4 §3.2). */
const HEADER_LENGTH = 16;

/**
 * Cuts the bytes of one socket write into PDUs by their command_length (views, no copies).
 *
 * @remarks
 * A connection only ever writes whole PDUs, except malformed bytes written on purpose: when a command_length
 * is below 16 or runs past the end, the rest is returned as one piece instead of being guessed at.
 */
export function splitWrittenPdus(bytes: Buffer): Buffer[] {
  const pdus: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    const length = remaining >= 4 ? bytes.readUInt32BE(offset) : 0;
    if (length < HEADER_LENGTH || length > remaining) {
      pdus.push(bytes.subarray(offset));
      break;
    }
    pdus.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return pdus;
}
