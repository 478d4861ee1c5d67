import { CommandId } from '../../protocol/command-ids.js';
import type { MalformedKind } from '../simulator-options.interface.js';

/** A command_id outside Table 5-1 and its reserved ranges' known values: an ESME must answer generic_nack. */
export const UNKNOWN_COMMAND_ID = 0x000001fe;

function header(length: number, commandId: number, sequence: number, extra = 0): Buffer {
  const bytes = Buffer.alloc(16 + extra);
  bytes.writeUInt32BE(length, 0);
  bytes.writeUInt32BE(commandId, 4);
  bytes.writeUInt32BE(0, 8);
  bytes.writeUInt32BE(sequence, 12);
  return bytes;
}

/**
 * Bytes that break the protocol in one chosen way, for testing an ESME's error handling.
 *
 * - `truncated-body`: a deliver_sm framed with command_length 20 whose 4-octet body stops inside source_addr
 *   (no NUL): the ESME should answer deliver_sm_resp (or generic_nack) with an error status and stay bound.
 * - `bad-command-length`: 16 octets whose command_length says 8 (< 16, §3.2.2): the ESME cannot frame the
 *   stream any more and should nack and close.
 * - `unknown-command`: a well-formed header with command_id 0x000001FE: the ESME should answer
 *   generic_nack ESME_RINVCMDID (§4.3).
 */
export function malformedBytes(kind: MalformedKind, sequence: number): Buffer {
  switch (kind) {
    case 'truncated-body': {
      const bytes = header(20, CommandId.deliver_sm, sequence, 4);
      // service_type "" (NUL), source_addr_ton 1, source_addr_npi 1, source_addr "1" with its NUL missing.
      bytes.set([0x00, 0x01, 0x01, 0x31], 16);
      return bytes;
    }
    case 'bad-command-length':
      return header(8, CommandId.enquire_link, sequence);
    case 'unknown-command':
      return header(16, UNKNOWN_COMMAND_ID, sequence);
  }
}
