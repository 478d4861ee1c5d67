/**
 * Per-command body readers: functions that read a PDU's mandatory fields and TLVs and build the PDU
 * object in one object literal.
 *
 * @remarks
 * Generated from the schema table at load time. A generic loop that stores fields by computed name hits
 * V8's megamorphic keyed-store path for every field, which cost about three quarters of decode time;
 * a generated reader with one object literal per command gives each PDU type a stable shape. If the
 * runtime forbids code generation (`--disallow-code-generation-from-strings`), the interpreted reader
 * below is used; both read the same table and are checked against each other in tests.
 */
import type { CommandName } from '../pdu.types.js';
import {
  type CompiledSchema,
  KIND_CSTRING,
  KIND_DEST_ADDRESSES,
  KIND_INT8,
  KIND_SHORT_MESSAGE,
  KIND_TIME,
  KIND_UNSUCCESS_SME,
  SCHEMA_BY_NAME,
} from './compiled-schemas.js';
import * as H from './decode-helpers.js';
import type { Fields } from './decode-helpers.js';

/** Reads the body of a frame (header already checked) and returns the PDU object. */
export type BodyReader = (frame: Buffer, end: number, status: number, sequence: number) => Fields;

/** The reference reader: walks the schema table field by field. */
export function interpretedReader(schema: CompiledSchema): BodyReader {
  const fields = schema.fields;
  return (frame, end, status, sequence) => {
    const pdu: Fields = { command: schema.command, command_status: status, sequence_number: sequence };
    let offset = 16;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      switch (field.kind) {
        case KIND_INT8:
          if (offset >= end) H.truncated(offset, field.name);
          pdu[field.name] = frame[offset++];
          break;
        case KIND_CSTRING:
        case KIND_TIME:
          pdu[field.name] = H.readCString(frame, offset, end, field.name);
          offset = H.cursor.offset;
          break;
        case KIND_SHORT_MESSAGE: {
          if (offset >= end) H.truncated(offset, 'sm_length');
          const smLength = frame[offset++]!;
          if (offset + smLength > end) H.smLengthOverrun(offset - 1, smLength, end);
          pdu[field.name] = H.copyBytes(frame, offset, offset + smLength);
          offset += smLength;
          break;
        }
        case KIND_DEST_ADDRESSES:
          pdu[field.name] = H.readDestAddresses(frame, offset, end);
          offset = H.cursor.offset;
          break;
        case KIND_UNSUCCESS_SME:
          pdu[field.name] = H.readUnsuccessSme(frame, offset, end);
          offset = H.cursor.offset;
          break;
      }
    }
    if (offset < end) pdu.tlvs = H.readTlvs(frame, offset, end);
    return pdu;
  };
}

/** JavaScript source of a generated reader. Field names come from our own table, never from input. */
function readerSource(schema: CompiledSchema): string {
  const lines: string[] = ['let o = 16, n = 0;'];
  const props: string[] = [
    `command: ${JSON.stringify(schema.command)}`,
    'command_status: status',
    'sequence_number: sequence',
  ];
  schema.fields.forEach((field, i) => {
    const v = `f${i}`;
    const name = JSON.stringify(field.name);
    switch (field.kind) {
      case KIND_INT8:
        lines.push(`if (o >= end) H.truncated(o, ${name});`, `const ${v} = frame[o++];`);
        break;
      case KIND_CSTRING:
      case KIND_TIME:
        lines.push(
          `n = H.findNul(frame, o, end);`,
          `if (n < 0) H.missingNul(o, end, ${name});`,
          `const ${v} = H.latin1(frame, o, n);`,
          `o = n + 1;`,
        );
        break;
      case KIND_SHORT_MESSAGE:
        lines.push(
          `if (o >= end) H.truncated(o, "sm_length");`,
          `n = frame[o++];`,
          `if (o + n > end) H.smLengthOverrun(o - 1, n, end);`,
          `const ${v} = H.copyBytes(frame, o, o + n);`,
          `o += n;`,
        );
        break;
      case KIND_DEST_ADDRESSES:
        lines.push(`const ${v} = H.readDestAddresses(frame, o, end);`, `o = H.cursor.offset;`);
        break;
      case KIND_UNSUCCESS_SME:
        lines.push(`const ${v} = H.readUnsuccessSme(frame, o, end);`, `o = H.cursor.offset;`);
        break;
    }
    props.push(`${field.name}: ${v}`);
  });
  lines.push(
    `const pdu = { ${props.join(', ')} };`,
    `if (o < end) pdu.tlvs = H.readTlvs(frame, o, end);`,
    'return pdu;',
  );
  return lines.join('\n');
}

function generatedReader(schema: CompiledSchema): BodyReader | undefined {
  try {
    const factory = new Function(
      'H',
      `return function read_${schema.command}(frame, end, status, sequence) {\n${readerSource(schema)}\n};`,
    );
    return factory(H) as BodyReader;
  } catch {
    return undefined; // code generation disallowed: fall back to the interpreted reader
  }
}

function buildReaders(generate: boolean): ReadonlyMap<string, BodyReader> {
  const readers = new Map<string, BodyReader>();
  for (const [command, schema] of SCHEMA_BY_NAME) {
    readers.set(command, (generate ? generatedReader(schema) : undefined) ?? interpretedReader(schema));
  }
  return readers;
}

/** Generated readers by command name (interpreted where code generation is unavailable). */
export const BODY_READERS: ReadonlyMap<string, BodyReader> = buildReaders(true);

/** Interpreted readers by command name: the reference the generated ones are tested against. */
export const INTERPRETED_BODY_READERS: ReadonlyMap<string, BodyReader> = buildReaders(false);

/** The reader of a command (generated when possible). */
export function bodyReaderOf(command: CommandName): BodyReader {
  return BODY_READERS.get(command)!;
}
