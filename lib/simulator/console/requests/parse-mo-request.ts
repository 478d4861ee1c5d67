import type { MoMessage, MoSplitMethod } from '../../simulator-options.interface.js';
import { badRequest } from '../http/http-error.js';

const SPLIT_METHODS: readonly MoSplitMethod[] = ['udh8', 'udh16', 'sar', 'payload'];
/** A long message's limit is 255 parts (TS 23.040 §9.2.3.24.1); this bounds the text well before the split. */
const MAX_TEXT_LENGTH = 10_000;
/** deliver_sm source_addr and destination_addr: C-Octet Strings of at most 21 octets, NUL included (§4.6.1). */
const MAX_ADDRESS_LENGTH = 20;
/** system_id: at most 16 octets, NUL included (§4.1.1). */
const MAX_SYSTEM_ID_LENGTH = 15;

const FIELDS = ['text', 'source_addr', 'destination_addr', 'split', 'system_id', 'data_coding'] as const;

function optionalString(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(field, `${field} must be a string.`);
  // Addresses and ids are ASCII on the wire (§3.1), so characters are octets here.
  if (!/^[\x20-\x7e]*$/.test(value)) throw badRequest(field, `${field} must be printable ASCII.`);
  if (value.length > max) {
    throw badRequest(
      field,
      `${field} "${value}" is ${value.length} characters; SMPP 3.4 allows at most ${max}.`,
    );
  }
  return value;
}

/**
 * Reads the body of `POST /api/mo`: the fields of `sim.sendMo` (text, source_addr, destination_addr, split,
 * system_id, data_coding).
 *
 * @throws HttpError 400 naming the first bad or unknown field.
 */
export function parseMoRequest(body: Record<string, unknown>): MoMessage {
  for (const key of Object.keys(body)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw badRequest(key, `${key} is not a field of an MO message; use ${FIELDS.join(', ')}.`);
    }
  }
  const text = body.text;
  if (typeof text !== 'string' || text.length === 0)
    throw badRequest('text', 'text must be a non-empty string.');
  if (text.length > MAX_TEXT_LENGTH) {
    throw badRequest(
      'text',
      `text is ${text.length} characters; the console sends at most ${MAX_TEXT_LENGTH}.`,
    );
  }
  const message: MoMessage = { text };
  const source = optionalString(body, 'source_addr', MAX_ADDRESS_LENGTH);
  if (source !== undefined) message.source_addr = source;
  const destination = optionalString(body, 'destination_addr', MAX_ADDRESS_LENGTH);
  if (destination !== undefined) message.destination_addr = destination;
  const systemId = optionalString(body, 'system_id', MAX_SYSTEM_ID_LENGTH);
  if (systemId !== undefined) message.system_id = systemId;
  const split = body.split;
  if (split !== undefined && split !== null) {
    if (typeof split !== 'string' || !(SPLIT_METHODS as readonly string[]).includes(split)) {
      throw badRequest('split', `split must be one of ${SPLIT_METHODS.join(', ')}.`);
    }
    message.split = split as MoSplitMethod;
  }
  const dataCoding = body.data_coding;
  if (dataCoding !== undefined && dataCoding !== null) {
    if (
      typeof dataCoding !== 'number' ||
      !Number.isInteger(dataCoding) ||
      dataCoding < 0 ||
      dataCoding > 255
    ) {
      throw badRequest('data_coding', 'data_coding must be an integer 0-255 (SMPP 3.4 §5.2.19).');
    }
    message.data_coding = dataCoding;
  }
  return message;
}
