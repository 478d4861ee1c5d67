import type { QueuedMessage } from '../outbound-queue.interface.js';
import { isJsonObject } from './json-field-readers.js';

/**
 * The stand-in message of a queue item that cannot be read as a message (`QueueDelivery.unsendable`): only
 * its correlation id, so the `failed` event, the log line and hooks can name it. The item's own
 * `correlationId` (or a naz item's `log_id`/`correlation_id`) when it has one, else the broker's id of it.
 */
export function unsendableMessage(raw: string | Buffer | undefined, fallback: () => string): QueuedMessage {
  return { correlationId: correlationIdOf(raw) ?? fallback(), to: '' };
}

function correlationIdOf(raw: string | Buffer | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let item: unknown;
  try {
    item = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isJsonObject(item)) return undefined;
  for (const key of ['correlationId', 'log_id', 'correlation_id']) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
