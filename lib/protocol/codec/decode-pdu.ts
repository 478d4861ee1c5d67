/**
 * decodePdu: one frame of wire bytes → a typed PDU (SMPP 3.4 §3.2, §5.3).
 *
 * @remarks
 * Strict about structure (lengths, NUL terminators, TLV framing), liberal about limits: a C-Octet String
 * longer than the spec allows, or an octet TLV of unusual length, still decodes, so the receiver can answer
 * with a precise command_status instead of a generic_nack. Every failure is a {@link PduDecodeError}.
 * Octet values (short_message, octet TLVs) are copies: a decoded PDU never aliases the read buffer.
 */
import { CommandStatus } from '../command-status.js';
import { PduDecodeError } from '../errors/pdu-decode.error.js';
import { PDU_HEADER_LENGTH } from '../pdu.constants.js';
import type { Pdu } from '../pdu.types.js';
import { BODY_READERS, type BodyReader, INTERPRETED_BODY_READERS } from './body-readers.js';
import {
  type CompiledSchema,
  KIND_CSTRING,
  KIND_INT8,
  KIND_SHORT_MESSAGE,
  KIND_TIME,
  SCHEMA_BY_ID,
} from './compiled-schemas.js';
import { type Fields, fail, setDecodeContext } from './decode-helpers.js';

/**
 * Decodes one PDU.
 *
 * @param frame exactly one PDU, command_length included (as returned by `PduFramer.push`).
 * @throws {@link PduDecodeError} with the command_status to answer with (`.status`), the offset, the rule,
 * and the header's command_id and sequence_number when they were readable.
 */
export function decodePdu(frame: Buffer): Pdu {
  return decodeWith(frame, GENERATED);
}

/** decodePdu with the interpreted body readers: the reference implementation, for tests. */
export function decodePduInterpreted(frame: Buffer): Pdu {
  return decodeWith(frame, INTERPRETED);
}

interface Decoder {
  readonly schema: CompiledSchema;
  readonly read: BodyReader;
}

/** One lookup per frame: command_id → schema and body reader. */
function decodersById(readers: ReadonlyMap<string, BodyReader>): ReadonlyMap<number, Decoder> {
  return new Map(
    [...SCHEMA_BY_ID].map(([id, schema]) => [id, { schema, read: readers.get(schema.command)! }]),
  );
}

const GENERATED = decodersById(BODY_READERS);
const INTERPRETED = decodersById(INTERPRETED_BODY_READERS);

function decodeWith(frame: Buffer, decoders: ReadonlyMap<number, Decoder>): Pdu {
  const length = frame.length;
  if (length < PDU_HEADER_LENGTH) {
    throw new PduDecodeError(
      `frame is ${length} octets; an SMPP PDU has a 16-octet header (SMPP 3.4 §3.2).`,
      {
        rule: 'command-length',
        offset: 0,
        status: CommandStatus.ESME_RINVCMDLEN,
        field: 'command_length',
        ...(length >= 8 ? { commandId: frame.readUInt32BE(4) } : {}),
      },
    );
  }
  const commandLength = frame.readUInt32BE(0);
  const commandId = frame.readUInt32BE(4);
  const status = frame.readUInt32BE(8);
  const sequence = frame.readUInt32BE(12);
  setDecodeContext(commandId, sequence);
  if (commandLength !== length) {
    fail(
      `command_length is ${commandLength} but the frame holds ${length} octets (SMPP 3.4 §3.2.2).`,
      'command-length',
      0,
      CommandStatus.ESME_RINVCMDLEN,
      'command_length',
    );
  }
  const decoder = decoders.get(commandId);
  if (decoder === undefined) {
    fail(
      `command_id 0x${commandId.toString(16).toUpperCase().padStart(8, '0')} is not an SMPP command ` +
        `(SMPP 3.4 Table 5-1); answer with generic_nack ESME_RINVCMDID.`,
      'unknown-command-id',
      4,
      CommandStatus.ESME_RINVCMDID,
      'command_id',
    );
  }
  const schema = decoder.schema;
  // A response carrying an error status may omit its body (e.g. submit_sm_resp, bind_*_resp on error).
  if (length === PDU_HEADER_LENGTH && status !== 0 && schema.isResponse && schema.fields.length > 0) {
    return withDefaults(schema, status, sequence);
  }
  return decoder.read(frame, length, status, sequence) as unknown as Pdu;
}

/** A PDU with every mandatory field at its NULL value. */
function withDefaults(schema: CompiledSchema, status: number, sequence: number): Pdu {
  const pdu: Fields = { command: schema.command, command_status: status, sequence_number: sequence };
  for (const field of schema.fields) {
    switch (field.kind) {
      case KIND_INT8:
        pdu[field.name] = 0;
        break;
      case KIND_CSTRING:
      case KIND_TIME:
        pdu[field.name] = '';
        break;
      case KIND_SHORT_MESSAGE:
        pdu[field.name] = Buffer.alloc(0);
        break;
      default:
        pdu[field.name] = [];
    }
  }
  return pdu as unknown as Pdu;
}
