import type { RawTlv, Tlvs } from '../../protocol/tlv.types.js';
import type { TlvJsonValue } from './queue-envelope.interface.js';
import { base64Bytes, isJsonObject } from './json-field-readers.js';
import { QueueMessageFormatError, describeJsonValue } from './queue-message-format.error.js';

/** TLVs in their JSON form (see `QueueEnvelopeV1.tlvs`). */
export type TlvsJson = Record<string, TlvJsonValue | Array<{ tag: number; value: string }>>;

/** Writes TLVs as JSON: octet strings become `{ base64 }`, vendor tags `{ tag, value }` with base64 values. */
export function tlvsToJson(tlvs: Tlvs): TlvsJson {
  const out: TlvsJson = {};
  for (const [name, value] of Object.entries(tlvs) as Array<[string, unknown]>) {
    if (value === undefined) continue;
    if (name === 'unknown') {
      out.unknown = (value as RawTlv[]).map((raw) => ({ tag: raw.tag, value: raw.value.toString('base64') }));
    } else if (Buffer.isBuffer(value)) {
      out[name] = { base64: value.toString('base64') };
    } else if (typeof value === 'number' || typeof value === 'string') {
      out[name] = value;
    }
  }
  return out;
}

/**
 * Reads TLVs from JSON. Names are not checked against the TLV table here: the client's encoder rejects an
 * unknown name with a message naming it, and a dead-lettered message keeps that reason.
 */
export function tlvsFromJson(value: unknown, path = 'tlvs'): Tlvs {
  if (!isJsonObject(value))
    throw new QueueMessageFormatError(path, 'must be an object', describeJsonValue(value));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const fieldPath = `${path}.${name}`;
    if (name === 'unknown') {
      if (!Array.isArray(field))
        throw new QueueMessageFormatError(fieldPath, 'must be an array of { tag, value }');
      out.unknown = field.map((raw: unknown, i): RawTlv => {
        const rawPath = `${fieldPath}[${i}]`;
        if (!isJsonObject(raw))
          throw new QueueMessageFormatError(rawPath, 'must be { tag, value }', describeJsonValue(raw));
        const tag = raw.tag;
        // SMPP 3.4 §3.2.4.2: the tag is an Integer(2).
        if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag > 0xffff) {
          throw new QueueMessageFormatError(
            `${rawPath}.tag`,
            'must be an integer from 0 to 65535',
            describeJsonValue(tag),
          );
        }
        return { tag, value: base64Bytes(raw.value, `${rawPath}.value`) };
      });
    } else if (typeof field === 'number' || typeof field === 'string') {
      out[name] = field;
    } else if (isJsonObject(field) && 'base64' in field) {
      out[name] = base64Bytes(field.base64, `${fieldPath}.base64`);
    } else {
      throw new QueueMessageFormatError(
        fieldPath,
        'must be a number, a string or { base64 }',
        describeJsonValue(field),
      );
    }
  }
  return out as Tlvs;
}
