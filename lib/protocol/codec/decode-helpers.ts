/**
 * Building blocks of the PDU decoder, shared by the generated body readers and the interpreted fallback.
 *
 * @remarks
 * Decoding is synchronous and never re-entrant, so the header of the frame being decoded (for error
 * details) and the cursor after a variable-length list live in module state instead of being threaded
 * through every call.
 */
import { CommandStatus } from '../command-status.js';
import { PduDecodeError, type PduDecodeRule } from '../errors/pdu-decode.error.js';
import type { RawTlv } from '../tlv.types.js';
import type { TlvDefinition } from '../tlv-tags.js';
import { TLV_BY_TAG } from './compiled-schemas.js';

/** A PDU under construction: field name → value. */
export type Fields = Record<string, unknown>;

let currentCommandId = 0;
let currentSequence = 0;

/** Records the header of the frame being decoded, so errors can report it. */
export function setDecodeContext(commandId: number, sequenceNumber: number): void {
  currentCommandId = commandId;
  currentSequence = sequenceNumber;
}

/** Offset after the last list read by {@link readDestAddresses} or {@link readUnsuccessSme}. */
export const cursor = { offset: 0 };

/** Throws a PduDecodeError carrying the current frame's command_id and sequence_number. */
export function fail(
  message: string,
  rule: PduDecodeRule,
  offset: number,
  status: number,
  field?: string,
): never {
  throw new PduDecodeError(message, {
    rule,
    offset,
    status,
    commandId: currentCommandId,
    sequenceNumber: currentSequence,
    ...(field !== undefined ? { field } : {}),
  });
}

/** The mandatory fields end before `field` (command_length too small for them). */
export function truncated(offset: number, field: string): never {
  fail(
    `body ends before ${field} at offset ${offset} (command_length too small for the mandatory fields).`,
    'truncated-body',
    offset,
    CommandStatus.ESME_RINVMSGLEN,
    field,
  );
}

/** A C-Octet String without NUL before the end of the body (§3.1). */
export function missingNul(offset: number, end: number, field: string): never {
  if (offset >= end) truncated(offset, field);
  fail(
    `${field} at offset ${offset} has no NUL before the end of the body (C-Octet String, SMPP 3.4 §3.1).`,
    'missing-nul',
    offset,
    CommandStatus.ESME_RINVMSGLEN,
    field,
  );
}

/** An sm_length that runs past the end of the body (§5.2.21). */
export function smLengthOverrun(at: number, smLength: number, end: number): never {
  fail(
    `sm_length ${smLength} at offset ${at} runs past the end of the body (${end - at - 1} octets left) ` +
      `(SMPP 3.4 §5.2.21).`,
    'sm-length',
    at,
    CommandStatus.ESME_RINVMSGLEN,
    'sm_length',
  );
}

/** Index of the NUL ending a C-Octet String that starts at `start`, or -1 when `end` comes first. */
export function findNul(frame: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) if (frame[i] === 0) return i;
  return -1;
}

/** Reads latin1 so no byte is lost, even from peers that put non-ASCII in C-Octet Strings. */
export function latin1(frame: Buffer, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  if (n > 8) return frame.toString('latin1', start, end);
  // Very short strings (TON-style codes, short ids): a JS loop beats the native call's fixed cost.
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(frame[i]!);
  return s;
}

/** A C-Octet String at `offset`; the offset after its NUL goes to `cursor.offset`. */
export function readCString(frame: Buffer, offset: number, end: number, field: string): string {
  const nul = findNul(frame, offset, end);
  if (nul < 0) missingNul(offset, end, field);
  cursor.offset = nul + 1;
  return latin1(frame, offset, nul);
}

/** A copy of `frame[start, end)`: decoded PDUs never alias (or pin) the read buffer. */
export function copyBytes(frame: Buffer, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return Buffer.alloc(0);
  const out = Buffer.allocUnsafe(n);
  if (n <= 16) {
    // Small TLV values: a JS loop beats Buffer#copy's argument checks.
    for (let i = 0; i < n; i++) out[i] = frame[start + i]!;
  } else {
    frame.copy(out, 0, start, end);
  }
  return out;
}

/** submit_multi's number_of_dests and dest_address list (§4.5.1, §5.2.24-25); sets `cursor.offset`. */
export function readDestAddresses(frame: Buffer, offset: number, end: number): Fields[] {
  if (offset >= end) truncated(offset, 'number_of_dests');
  const count = frame[offset++]!;
  const dests: Fields[] = [];
  for (let i = 0; i < count; i++) {
    if (offset >= end) truncated(offset, `dest_addresses[${i}].dest_flag`);
    const flag = frame[offset++];
    if (flag === 1) {
      if (offset + 2 > end) truncated(offset, `dest_addresses[${i}].dest_addr_ton`);
      const ton = frame[offset];
      const npi = frame[offset + 1];
      const addr = readCString(frame, offset + 2, end, `dest_addresses[${i}].destination_addr`);
      dests.push({ dest_flag: 1, dest_addr_ton: ton, dest_addr_npi: npi, destination_addr: addr });
    } else if (flag === 2) {
      dests.push({ dest_flag: 2, dl_name: readCString(frame, offset, end, `dest_addresses[${i}].dl_name`) });
    } else {
      fail(
        `dest_addresses[${i}].dest_flag is ${String(flag)}; only 1 (SME address) and 2 (distribution list) ` +
          `exist (SMPP 3.4 §5.2.25).`,
        'dest-flag',
        offset - 1,
        CommandStatus.ESME_RINVDESTFLAG,
        `dest_addresses[${i}].dest_flag`,
      );
    }
    offset = cursor.offset;
  }
  cursor.offset = offset;
  return dests;
}

/** submit_multi_resp's no_unsuccess and unsuccess_sme list (§4.5.2, §5.2.26); sets `cursor.offset`. */
export function readUnsuccessSme(frame: Buffer, offset: number, end: number): Fields[] {
  if (offset >= end) truncated(offset, 'no_unsuccess');
  const count = frame[offset++]!;
  const list: Fields[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 2 > end) truncated(offset, `unsuccess_sme[${i}].dest_addr_ton`);
    const ton = frame[offset];
    const npi = frame[offset + 1];
    const addr = readCString(frame, offset + 2, end, `unsuccess_sme[${i}].destination_addr`);
    offset = cursor.offset;
    if (offset + 4 > end) truncated(offset, `unsuccess_sme[${i}].error_status_code`);
    list.push({
      dest_addr_ton: ton,
      dest_addr_npi: npi,
      destination_addr: addr,
      error_status_code: frame.readUInt32BE(offset),
    });
    offset += 4;
  }
  cursor.offset = offset;
  return list;
}

/**
 * TLVs after the mandatory fields, in any order (§5.3.1). Unknown tags, and repeats of a known tag after
 * its first occurrence, are kept raw in `unknown`, in wire order.
 */
export function readTlvs(frame: Buffer, offset: number, end: number): Fields {
  const tlvs: Fields = {};
  let unknown: RawTlv[] | undefined;
  while (offset < end) {
    if (end - offset < 4) {
      fail(
        `${end - offset} octets left at offset ${offset}, too few for a TLV's tag and length (SMPP 3.4 §5.3.1).`,
        'tlv-header',
        offset,
        CommandStatus.ESME_RINVOPTPARSTREAM,
      );
    }
    const tag = (frame[offset]! << 8) | frame[offset + 1]!;
    const valueLength = (frame[offset + 2]! << 8) | frame[offset + 3]!;
    const start = offset + 4;
    const stop = start + valueLength;
    if (stop > end) {
      fail(
        `TLV 0x${tag.toString(16).padStart(4, '0')} at offset ${offset} declares ${valueLength} octets but only ` +
          `${end - start} remain in the PDU (SMPP 3.4 §5.3.1).`,
        'tlv-length',
        offset,
        CommandStatus.ESME_RINVOPTPARSTREAM,
      );
    }
    const def = tag < TLV_BY_TAG.length ? TLV_BY_TAG[tag] : undefined;
    if (def === undefined || tlvs[def.name] !== undefined) {
      (unknown ??= []).push({ tag, value: copyBytes(frame, start, stop) });
    } else {
      tlvs[def.name] = readTlvValue(frame, offset, start, stop, def);
    }
    offset = stop;
  }
  if (unknown !== undefined) tlvs.unknown = unknown;
  return tlvs;
}

function readTlvValue(
  frame: Buffer,
  offset: number,
  start: number,
  stop: number,
  def: TlvDefinition,
): unknown {
  const size = stop - start;
  switch (def.type) {
    case 'int8':
    case 'int16':
    case 'int32':
      if (size !== def.maxLength) {
        fail(
          `TLV ${def.name} at offset ${offset} has length ${size}; it is a ${def.maxLength}-octet integer ` +
            `(${def.section}).`,
          'tlv-value',
          offset,
          CommandStatus.ESME_RINVPARLEN,
          def.name,
        );
      }
      return def.type === 'int8'
        ? frame[start]
        : def.type === 'int16'
          ? (frame[start]! << 8) | frame[start + 1]!
          : frame.readUInt32BE(start);
    case 'cstring': {
      // Some SMSCs omit the NUL of receipted_message_id: take the value up to the first NUL or the end.
      const nul = findNul(frame, start, stop);
      return latin1(frame, start, nul < 0 ? stop : nul);
    }
    case 'octets':
      return copyBytes(frame, start, stop);
  }
}
