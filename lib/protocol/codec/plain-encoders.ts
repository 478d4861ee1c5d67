/**
 * Plain encoders: for each command whose mandatory fields are all simple (1-octet integers, C-Octet Strings,
 * time fields, short_message), a measure and a write function generated from the schema table at load time,
 * for the common PDU: no TLVs, command_status 0, every field within the spec.
 *
 * @remarks
 * The schema-driven encoder reads each field with a computed key (`rec[field.name]`), which V8 serves through
 * its megamorphic cache: for submit_sm, the PDU an ESME sends hundreds of thousands of times a second, and
 * deliver_sm_resp, answered once per receipt, that was most of the encode. A generated function reads named
 * properties, so each access has a monomorphic inline cache. The limits, the command_id and the field order
 * all come from the table (`PDU_SCHEMAS`), as the generated body readers do on the decode side; nothing is
 * restated. `measure` accepts only what the schema path would accept unchanged and returns -1 for anything
 * else (a TLV, a value out of range, a non-zero command_status...), which then goes the schema path: it names
 * the rule broken. The property test in `codec.property.spec.ts` holds every plain encoder to the schema path.
 * Where code generation is disallowed (`--disallow-code-generation-from-strings`) there are no plain
 * encoders, and every PDU goes the schema path.
 */
import { MAX_SEQUENCE_NUMBER } from '../pdu.constants.js';
import {
  type CompiledSchema,
  KIND_CSTRING,
  KIND_INT8,
  KIND_SHORT_MESSAGE,
  KIND_TIME,
  SCHEMA_BY_NAME,
} from './compiled-schemas.js';
import { writeCString } from './write-c-string.js';

type Fields = Record<string, unknown>;

/** The fast path of one command. */
export interface PlainEncoder {
  /** command_length of a plain PDU (no TLVs, status 0, every field within its limit), else -1. */
  readonly measure: (pdu: Fields) => number;
  /** Writes a PDU that `measure` accepted as `length` octets at `offset`; returns the offset after it. */
  readonly write: (pdu: Fields, length: number, buf: Buffer, offset: number) => number;
}

/** §7.1.1: a time field is NULL or 16 characters. */
const TIME_LENGTH = 16;

const SIMPLE_KINDS = new Set([KIND_INT8, KIND_CSTRING, KIND_TIME, KIND_SHORT_MESSAGE]);

/** JavaScript source of `measure`. Field names and limits come from our own table, never from input. */
function measureSource(schema: CompiledSchema): string {
  const lines = [
    'const status = pdu.command_status, sequence = pdu.sequence_number;',
    'if (pdu.tlvs !== undefined || (status !== undefined && status !== 0)) return -1;',
    'if (sequence !== undefined && (typeof sequence !== "number" || sequence >>> 0 !== sequence ||' +
      ` sequence > ${MAX_SEQUENCE_NUMBER})) return -1;`,
    'let n = 16, v;',
  ];
  for (const field of schema.fields) {
    lines.push(`v = pdu.${field.name};`);
    switch (field.kind) {
      case KIND_INT8:
        lines.push(
          'if (v !== undefined && (typeof v !== "number" || (v & 0xff) !== v)) return -1;',
          'n += 1;',
        );
        break;
      case KIND_CSTRING:
        // maxLength counts the NUL (§3.1).
        lines.push(
          `if (v !== undefined) { if (typeof v !== "string" || v.length >= ${field.maxLength}) return -1; n += v.length; }`,
          'n += 1;',
        );
        break;
      case KIND_TIME:
        lines.push(
          `if (v !== undefined) { if (typeof v !== "string" || (v.length !== 0 && v.length !== ${TIME_LENGTH})) return -1; n += v.length; }`,
          'n += 1;',
        );
        break;
      case KIND_SHORT_MESSAGE:
        lines.push(
          `if (v !== undefined) { if (!Buffer.isBuffer(v) || v.length > ${field.maxLength}) return -1; n += v.length; }`,
          'n += 1;',
        );
        break;
    }
  }
  lines.push('return n;');
  return lines.join('\n');
}

/** JavaScript source of `write`. */
function writeSource(schema: CompiledSchema): string {
  const command = JSON.stringify(schema.command);
  const lines = [
    'buf.writeUInt32BE(length, offset);',
    `buf.writeUInt32BE(${schema.commandId}, offset + 4);`,
    'buf.writeUInt32BE(0, offset + 8);',
    'buf.writeUInt32BE(pdu.sequence_number ?? 0, offset + 12);',
    'let at = offset + 16, v;',
  ];
  for (const field of schema.fields) {
    const name = JSON.stringify(field.name);
    switch (field.kind) {
      case KIND_INT8:
        lines.push(`buf[at++] = pdu.${field.name} ?? 0;`);
        break;
      case KIND_CSTRING:
      case KIND_TIME:
        lines.push(`at = writeCString(buf, at, ${command}, ${name}, pdu.${field.name});`);
        break;
      case KIND_SHORT_MESSAGE:
        lines.push(
          `v = pdu.${field.name};`,
          'if (v === undefined) buf[at++] = 0;',
          'else { buf[at] = v.length; v.copy(buf, at + 1); at += 1 + v.length; }',
        );
        break;
    }
  }
  lines.push('return at;');
  return lines.join('\n');
}

function generate(schema: CompiledSchema): PlainEncoder | undefined {
  if (!schema.fields.every((field) => SIMPLE_KINDS.has(field.kind))) return undefined;
  try {
    const factory = new Function(
      'writeCString',
      `return {\n` +
        `measure: function measure_${schema.command}(pdu) {\n${measureSource(schema)}\n},\n` +
        `write: function write_${schema.command}(pdu, length, buf, offset) {\n${writeSource(schema)}\n},\n};`,
    );
    return factory(writeCString) as PlainEncoder;
  } catch {
    return undefined; // code generation disallowed: the schema path serves every PDU
  }
}

function buildPlainEncoders(): ReadonlyMap<string, PlainEncoder> {
  const encoders = new Map<string, PlainEncoder>();
  for (const [command, schema] of SCHEMA_BY_NAME) {
    const encoder = generate(schema);
    if (encoder !== undefined) encoders.set(command, encoder);
  }
  return encoders;
}

/** The plain encoder of each command that has one, by command name. */
export const PLAIN_ENCODERS: ReadonlyMap<string, PlainEncoder> = buildPlainEncoders();
