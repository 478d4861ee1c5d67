import { QueueMessageFormatError, describeJsonValue } from './queue-message-format.error.js';

/** A parsed JSON object whose fields are read with type checks that name the field on failure. */
export type JsonObject = Record<string, unknown>;

/** Whether a JSON value is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional string field; `null` counts as absent (naz writes `null` for unset fields). */
export function optionalString(item: JsonObject, field: string, path = field): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new QueueMessageFormatError(path, 'must be a string', describeJsonValue(value));
  return value;
}

/** A required non-empty string field. */
export function requiredString(item: JsonObject, field: string, path = field): string {
  const value = optionalString(item, field, path);
  if (value === undefined || value.length === 0) {
    throw new QueueMessageFormatError(path, 'must be a non-empty string', describeJsonValue(item[field]));
  }
  return value;
}

/** An optional integer field within [min, max] (an SMPP Integer(1) is 0..255). */
export function optionalInteger(
  item: JsonObject,
  field: string,
  min = 0,
  max = 255,
  path = field,
): number | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new QueueMessageFormatError(
      path,
      `must be an integer from ${min} to ${max}`,
      describeJsonValue(value),
    );
  }
  return value;
}

/** An optional field that is a boolean or an integer 0..255 (registered_delivery). */
export function optionalBooleanOrInteger(
  item: JsonObject,
  field: string,
  path = field,
): boolean | number | undefined {
  const value = item[field];
  if (typeof value === 'boolean') return value;
  return optionalInteger(item, field, 0, 255, path);
}

/** Strict base64 (standard alphabet, optional padding): `Buffer.from` would silently skip bad characters. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Decodes a base64 string field into bytes, rejecting anything that is not base64. */
export function base64Bytes(value: unknown, path: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new QueueMessageFormatError(path, 'must be a base64 string', describeJsonValue(value));
  }
  return Buffer.from(value, 'base64');
}

/** Copies the defined values only, so absent fields stay absent (not `undefined` keys). */
export function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
