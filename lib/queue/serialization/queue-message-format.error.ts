import { NazError } from '../../errors/naz-error.js';

/**
 * A queued item that is not a message this library can send: bad JSON, an unknown format version, or a
 * field of the wrong type.
 *
 * @remarks
 * Durable queues never crash on one: they move the raw item to the dead-letter store with this error's
 * message as the reason. See docs/QUEUE-FORMAT.md for the format.
 */
export class QueueMessageFormatError extends NazError {
  override readonly name = 'QueueMessageFormatError';

  /**
   * @param field - the offending field (`'$'` for the whole item).
   * @param rule - what the field must be, e.g. `must be a non-empty string`.
   * @param got - a short description of what was found.
   */
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly got?: string,
  ) {
    super(`queue item ${field} ${rule}${got === undefined ? '' : `, got ${got}`} (see docs/QUEUE-FORMAT.md)`);
  }
}

/** A short, safe description of a JSON value for error messages (never the whole payload). */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    default:
      return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
  }
}
