/**
 * encodePdu: a typed PDU → its wire bytes (SMPP 3.4 §3.2), validated against the spec's limits.
 *
 * @remarks
 * Two passes over the schema table: the first validates and computes command_length, the second writes
 * into the one Buffer allocated for the PDU (no per-field buffers, no concatenation).
 */
import { PduEncodeError } from '../errors/pdu-encode.error.js';
import {
  MAX_SEQUENCE_NUMBER,
  MAX_SHORT_MESSAGE_LENGTH,
  MAX_SUBMIT_MULTI_DESTINATIONS,
  PDU_HEADER_LENGTH,
} from '../pdu.constants.js';
import type { AnyPduInput, Pdu } from '../pdu.types.js';
import type { TlvDefinition } from '../tlv-tags.js';
import { BODY_OMITTED_ON_ERROR } from './pdu-schemas.js';
import {
  type CompiledField,
  KIND_CSTRING,
  KIND_DEST_ADDRESSES,
  KIND_INT8,
  KIND_SHORT_MESSAGE,
  KIND_TIME,
  KIND_UNSUCCESS_SME,
  SCHEMA_BY_NAME,
  TLV_BY_NAME,
} from './compiled-schemas.js';
import {
  fieldTypeError,
  integerRangeError,
  maxLengthError,
  shortMessageAndPayloadError,
  shortMessageLengthError,
  timeFormatError,
} from './encode-errors.js';
import { PLAIN_ENCODERS } from './plain-encoders.js';
import { writeCString } from './write-c-string.js';

type Fields = Record<string, unknown>;

const DEST_ADDR_MAX = 21; // §5.2.9
const DL_NAME_MAX = 21; // §5.2.27
const TIME_LENGTH = 16; // §7.1.1

/**
 * Encodes a PDU to the bytes sent on the wire.
 *
 * @param pdu a complete {@link Pdu}, or a partial one: command_status and sequence_number default to 0,
 * body fields to the spec's NULL (empty string, 0, empty Buffer, empty list). A bind_*_resp or
 * submit_sm_resp with a non-zero command_status and a NULL body is sent header-only (§4.1.2, §4.4.2).
 * @returns a Buffer holding exactly one PDU, command_length included.
 * @throws {@link PduEncodeError} naming the field, rule and section when a value breaks a limit of the spec.
 *
 * @example
 * encodePdu({ command: 'submit_sm', sequence_number: 7, destination_addr: '447700900123',
 *   short_message: Buffer.from('hello') });
 */
export function encodePdu(pdu: Pdu | AnyPduInput): Buffer {
  const length = encodedLength(pdu);
  const buf = Buffer.allocUnsafe(length);
  writePdu(pdu, length, buf, 0);
  return buf;
}

/**
 * Validates a PDU against the spec's limits and returns its size on the wire (its command_length): the first
 * half of {@link encodePdu}, for callers that encode into a buffer of their own with {@link writePdu}.
 *
 * @throws {@link PduEncodeError} as {@link encodePdu} does (a non-ASCII C-Octet String is found by
 * {@link writePdu}, which scans each string once).
 */
export function encodedLength(pdu: Pdu | AnyPduInput): number {
  const command: string = pdu.command;
  const plain = PLAIN_ENCODERS.get(command);
  if (plain !== undefined) {
    const length = plain.measure(pdu as unknown as Fields);
    if (length > 0) return length;
  }
  const schema = SCHEMA_BY_NAME.get(command);
  if (schema === undefined) {
    throw new PduEncodeError(`command "${String(command)}" is not an SMPP command this library knows.`, {
      field: 'command',
      rule: 'unknown-command',
    });
  }
  const rec = pdu as unknown as Fields;
  const status = rec.command_status ?? 0;
  if (typeof status !== 'number' || status >>> 0 !== status) {
    throw integerRangeError(command, 'command_status', status, 0xffffffff, '§3.2');
  }
  const sequence = rec.sequence_number ?? 0;
  if (typeof sequence !== 'number' || sequence >>> 0 !== sequence || sequence > MAX_SEQUENCE_NUMBER) {
    throw new PduEncodeError(
      `sequence_number ${String(sequence)} is not an integer from 0 to 0x7FFFFFFF (SMPP 3.4 §5.1.4).`,
      { field: 'sequence_number', rule: 'sequence-number', command },
    );
  }

  // Every body field takes at least one octet, so a length of PDU_HEADER_LENGTH tells writePdu "header only".
  if (status !== 0 && BODY_OMITTED_ON_ERROR.has(schema.command) && isNullBody(rec, schema.fields)) {
    return PDU_HEADER_LENGTH;
  }

  const fields = schema.fields;
  let length = PDU_HEADER_LENGTH;
  let shortMessageLength = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    length += measureField(command, field, rec[field.name]);
    if (field.kind === KIND_SHORT_MESSAGE)
      shortMessageLength = (rec.short_message as Buffer | undefined)?.length ?? 0;
  }
  const tlvs = rec.tlvs;
  if (tlvs !== undefined) {
    if (typeof tlvs !== 'object' || tlvs === null) throw fieldTypeError(command, 'tlvs', 'an object', tlvs);
    length += measureTlvs(command, tlvs as Fields);
    if (shortMessageLength > 0 && (tlvs as Fields).message_payload !== undefined) {
      throw shortMessageAndPayloadError(command);
    }
  }
  return length;
}

/**
 * Writes a PDU that {@link encodedLength} measured as `length` octets into `buf` at `offset`: the second half
 * of {@link encodePdu}. Returns the offset after it.
 *
 * @throws {@link PduEncodeError} for a non-ASCII or NUL character in a C-Octet String (the octets written so
 * far are garbage then: discard them).
 */
export function writePdu(pdu: Pdu | AnyPduInput, length: number, buf: Buffer, offset: number): number {
  const command: string = pdu.command;
  const rec = pdu as unknown as Fields;
  // What the plain encoder's measure accepted (see encodedLength): no TLVs, status 0.
  if (rec.tlvs === undefined && !rec.command_status) {
    const plain = PLAIN_ENCODERS.get(command);
    if (plain !== undefined) return plain.write(rec, length, buf, offset);
  }
  const schema = SCHEMA_BY_NAME.get(command)!;
  const start = offset;
  buf.writeUInt32BE(length, offset);
  buf.writeUInt32BE(schema.commandId, offset + 4);
  buf.writeUInt32BE((rec.command_status as number | undefined) ?? 0, offset + 8);
  buf.writeUInt32BE((rec.sequence_number as number | undefined) ?? 0, offset + 12);
  offset += PDU_HEADER_LENGTH;
  if (length === PDU_HEADER_LENGTH) return offset;
  const fields = schema.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    offset = writeField(buf, offset, command, field, rec[field.name]);
  }
  const tlvs = rec.tlvs;
  if (tlvs !== undefined) writeTlvs(buf, offset, command, tlvs as Fields);
  return start + length;
}

/** Whether every mandatory field is absent or NULL and there are no TLVs. */
function isNullBody(rec: Fields, fields: readonly CompiledField[]): boolean {
  if (rec.tlvs !== undefined) return false;
  for (const field of fields) {
    const value = rec[field.name];
    if (value !== undefined && value !== '' && value !== 0) return false;
  }
  return true;
}

/** Validates one mandatory field and returns its size on the wire. */
function measureField(command: string, field: CompiledField, value: unknown): number {
  switch (field.kind) {
    case KIND_INT8:
      if (value !== undefined && (typeof value !== 'number' || (value & 0xff) !== value)) {
        throw integerRangeError(command, field.name, value, 0xff, field.spec.section);
      }
      return 1;
    case KIND_CSTRING:
      if (value === undefined) return 1;
      if (typeof value !== 'string') throw fieldTypeError(command, field.name, 'a string', value);
      if (value.length >= field.maxLength) {
        throw maxLengthError(command, field.name, value, field.maxLength, field.spec.section);
      }
      return value.length + 1;
    case KIND_TIME:
      if (value === undefined) return 1;
      if (typeof value !== 'string') throw fieldTypeError(command, field.name, 'a string', value);
      if (value.length !== 0 && value.length !== TIME_LENGTH)
        throw timeFormatError(command, field.name, value);
      return value.length + 1;
    case KIND_SHORT_MESSAGE:
      if (value === undefined) return 1;
      if (!Buffer.isBuffer(value)) throw fieldTypeError(command, field.name, 'a Buffer', value);
      if (value.length > MAX_SHORT_MESSAGE_LENGTH) throw shortMessageLengthError(command, value.length);
      return value.length + 1;
    case KIND_DEST_ADDRESSES:
      return measureDestAddresses(command, value);
    case KIND_UNSUCCESS_SME:
      return measureUnsuccessSme(command, value);
    default:
      throw new Error(`unreachable field kind ${field.kind}`);
  }
}

function measureCString(
  command: string,
  field: string,
  value: unknown,
  max: number,
  section: string,
): number {
  if (value === undefined) return 1;
  if (typeof value !== 'string') throw fieldTypeError(command, field, 'a string', value);
  if (value.length >= max) throw maxLengthError(command, field, value, max, section);
  return value.length + 1;
}

function checkInt8(command: string, field: string, value: unknown, section: string): void {
  if (value !== undefined && (typeof value !== 'number' || (value & 0xff) !== value)) {
    throw integerRangeError(command, field, value, 0xff, section);
  }
}

function measureDestAddresses(command: string, value: unknown): number {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_SUBMIT_MULTI_DESTINATIONS) {
    const count = Array.isArray(value) ? value.length : 0;
    throw new PduEncodeError(
      `dest_addresses has ${count} entries; a submit_multi needs 1 to 254 destinations (SMPP 3.4 §5.2.24).`,
      { field: 'dest_addresses', rule: 'destination-count', command },
    );
  }
  let size = 1; // number_of_dests
  for (let i = 0; i < value.length; i++) {
    const dest = value[i] as Fields;
    const name = `dest_addresses[${i}]`;
    if (typeof dest !== 'object' || dest === null) throw fieldTypeError(command, name, 'an object', dest);
    if (dest.dest_flag === 1) {
      checkInt8(command, `${name}.dest_addr_ton`, dest.dest_addr_ton, '§5.2.5');
      checkInt8(command, `${name}.dest_addr_npi`, dest.dest_addr_npi, '§5.2.6');
      size +=
        3 +
        measureCString(command, `${name}.destination_addr`, dest.destination_addr, DEST_ADDR_MAX, '§5.2.9');
    } else if (dest.dest_flag === 2) {
      size += 1 + measureCString(command, `${name}.dl_name`, dest.dl_name, DL_NAME_MAX, '§5.2.27');
    } else {
      throw new PduEncodeError(
        `${name}.dest_flag ${String(dest.dest_flag)} is neither 1 (SME address) nor 2 (distribution list) ` +
          `(SMPP 3.4 §5.2.25).`,
        { field: `${name}.dest_flag`, rule: 'dest-flag', command },
      );
    }
  }
  return size;
}

function measureUnsuccessSme(command: string, value: unknown): number {
  if (value === undefined) return 1;
  if (!Array.isArray(value)) throw fieldTypeError(command, 'unsuccess_sme', 'an array', value);
  if (value.length > 255) {
    throw new PduEncodeError(
      `unsuccess_sme has ${value.length} entries; no_unsuccess is one octet (SMPP 3.4 §5.2.26).`,
      { field: 'unsuccess_sme', rule: 'unsuccess-count', command },
    );
  }
  let size = 1; // no_unsuccess
  for (let i = 0; i < value.length; i++) {
    const entry = value[i] as Fields;
    const name = `unsuccess_sme[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw fieldTypeError(command, name, 'an object', entry);
    checkInt8(command, `${name}.dest_addr_ton`, entry.dest_addr_ton, '§5.2.5');
    checkInt8(command, `${name}.dest_addr_npi`, entry.dest_addr_npi, '§5.2.6');
    const code = entry.error_status_code ?? 0;
    if (typeof code !== 'number' || code >>> 0 !== code) {
      throw integerRangeError(command, `${name}.error_status_code`, code, 0xffffffff, '§4.5.2');
    }
    size +=
      6 +
      measureCString(command, `${name}.destination_addr`, entry.destination_addr, DEST_ADDR_MAX, '§5.2.9');
  }
  return size;
}

function writeField(
  buf: Buffer,
  offset: number,
  command: string,
  field: CompiledField,
  value: unknown,
): number {
  switch (field.kind) {
    case KIND_INT8:
      buf[offset] = (value as number | undefined) ?? 0;
      return offset + 1;
    case KIND_CSTRING:
    case KIND_TIME:
      return writeCString(buf, offset, command, field.name, value);
    case KIND_SHORT_MESSAGE: {
      if (value === undefined) {
        buf[offset] = 0;
        return offset + 1;
      }
      const sm = value as Buffer;
      buf[offset] = sm.length;
      sm.copy(buf, offset + 1);
      return offset + 1 + sm.length;
    }
    case KIND_DEST_ADDRESSES: {
      const dests = value as Fields[];
      buf[offset++] = dests.length;
      for (let i = 0; i < dests.length; i++) {
        const dest = dests[i]!;
        if (dest.dest_flag === 1) {
          buf[offset++] = 1;
          buf[offset++] = (dest.dest_addr_ton as number | undefined) ?? 0;
          buf[offset++] = (dest.dest_addr_npi as number | undefined) ?? 0;
          offset = writeCString(
            buf,
            offset,
            command,
            `dest_addresses[${i}].destination_addr`,
            dest.destination_addr,
          );
        } else {
          buf[offset++] = 2;
          offset = writeCString(buf, offset, command, `dest_addresses[${i}].dl_name`, dest.dl_name);
        }
      }
      return offset;
    }
    case KIND_UNSUCCESS_SME: {
      const list = (value as Fields[] | undefined) ?? [];
      buf[offset++] = list.length;
      for (let i = 0; i < list.length; i++) {
        const entry = list[i]!;
        buf[offset++] = (entry.dest_addr_ton as number | undefined) ?? 0;
        buf[offset++] = (entry.dest_addr_npi as number | undefined) ?? 0;
        offset = writeCString(
          buf,
          offset,
          command,
          `unsuccess_sme[${i}].destination_addr`,
          entry.destination_addr,
        );
        buf.writeUInt32BE((entry.error_status_code as number | undefined) ?? 0, offset);
        offset += 4;
      }
      return offset;
    }
    default:
      throw new Error(`unreachable field kind ${field.kind}`);
  }
}

function tlvLengthError(command: string, def: TlvDefinition, length: number): PduEncodeError {
  const range = def.minLength === def.maxLength ? `${def.maxLength}` : `${def.minLength} to ${def.maxLength}`;
  return new PduEncodeError(
    `tlvs.${def.name} is ${length} octets; its value must be ${range} octets ` +
      `(${def.section}${def.type === 'cstring' ? ', including the NUL' : ''}).`,
    { field: `tlvs.${def.name}`, rule: 'tlv-length', command },
  );
}

const INT_MAX = { int8: 0xff, int16: 0xffff, int32: 0xffffffff } as const;

/** Validates the TLVs and returns their total size (4-octet tag+length header each, §5.3.1). */
function measureTlvs(command: string, tlvs: Fields): number {
  let size = 0;
  for (const name in tlvs) {
    const value = tlvs[name];
    if (value === undefined) continue;
    if (name === 'unknown') {
      size += measureRawTlvs(command, value);
      continue;
    }
    const def = TLV_BY_NAME.get(name);
    if (def === undefined) {
      throw new PduEncodeError(
        `tlvs.${name} is not a TLV this library knows; put vendor TLVs in tlvs.unknown as { tag, value } ` +
          `(SMPP 3.4 §5.3.1).`,
        { field: `tlvs.${name}`, rule: 'unknown-tlv', command },
      );
    }
    switch (def.type) {
      case 'int8':
      case 'int16':
      case 'int32': {
        const max = INT_MAX[def.type];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
          throw integerRangeError(command, `tlvs.${name}`, value, max, def.section);
        }
        size += 4 + def.maxLength;
        break;
      }
      case 'cstring': {
        if (typeof value !== 'string') throw fieldTypeError(command, `tlvs.${name}`, 'a string', value);
        if (value.length + 1 > def.maxLength) {
          throw maxLengthError(command, `tlvs.${name}`, value, def.maxLength, def.section);
        }
        size += 5 + value.length;
        break;
      }
      case 'octets': {
        if (!Buffer.isBuffer(value)) throw fieldTypeError(command, `tlvs.${name}`, 'a Buffer', value);
        if (value.length < def.minLength || value.length > def.maxLength)
          throw tlvLengthError(command, def, value.length);
        size += 4 + value.length;
        break;
      }
    }
  }
  return size;
}

function measureRawTlvs(command: string, value: unknown): number {
  if (!Array.isArray(value))
    throw fieldTypeError(command, 'tlvs.unknown', 'an array of { tag, value }', value);
  let size = 0;
  for (let i = 0; i < value.length; i++) {
    const raw = value[i] as Fields;
    const name = `tlvs.unknown[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw fieldTypeError(command, name, 'a { tag, value } object', raw);
    const tag = raw.tag;
    if (typeof tag !== 'number' || (tag & 0xffff) !== tag) {
      throw integerRangeError(command, `${name}.tag`, tag, 0xffff, '§5.3.1');
    }
    if (!Buffer.isBuffer(raw.value)) throw fieldTypeError(command, `${name}.value`, 'a Buffer', raw.value);
    if (raw.value.length > 0xffff) {
      throw new PduEncodeError(
        `${name}.value is ${raw.value.length} octets; a TLV length is 2 octets (§5.3.1).`,
        {
          field: `${name}.value`,
          rule: 'tlv-length',
          command,
        },
      );
    }
    size += 4 + raw.value.length;
  }
  return size;
}

function writeTlvs(buf: Buffer, offset: number, command: string, tlvs: Fields): number {
  for (const name in tlvs) {
    const value = tlvs[name];
    if (value === undefined) continue;
    if (name === 'unknown') {
      const raws = value as { tag: number; value: Buffer }[];
      for (let i = 0; i < raws.length; i++) {
        const raw = raws[i]!;
        buf.writeUInt16BE(raw.tag, offset);
        buf.writeUInt16BE(raw.value.length, offset + 2);
        raw.value.copy(buf, offset + 4);
        offset += 4 + raw.value.length;
      }
      continue;
    }
    const def = TLV_BY_NAME.get(name)!;
    buf.writeUInt16BE(def.tag, offset);
    switch (def.type) {
      case 'int8':
        buf.writeUInt16BE(1, offset + 2);
        buf[offset + 4] = value as number;
        offset += 5;
        break;
      case 'int16':
        buf.writeUInt16BE(2, offset + 2);
        buf.writeUInt16BE(value as number, offset + 4);
        offset += 6;
        break;
      case 'int32':
        buf.writeUInt32BE(value as number, offset + 4);
        buf.writeUInt16BE(4, offset + 2);
        offset += 8;
        break;
      case 'cstring': {
        const s = value as string;
        buf.writeUInt16BE(s.length + 1, offset + 2);
        offset = writeCString(buf, offset + 4, command, `tlvs.${name}`, s);
        break;
      }
      case 'octets': {
        const b = value as Buffer;
        buf.writeUInt16BE(b.length, offset + 2);
        b.copy(buf, offset + 4);
        offset += 4 + b.length;
        break;
      }
    }
  }
  return offset;
}
