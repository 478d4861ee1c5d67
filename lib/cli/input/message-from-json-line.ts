import { QueueMessageFormatError } from '../../queue/serialization/queue-message-format.error.js';
import { parseQueuedMessage } from '../../queue/serialization/parse-queued-message.js';
import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';
import { InputError } from '../errors/input-error.js';

/**
 * Reads one JSON-lines message: a plain object with `OutboundMessage` fields (`{"to":"...","text":"..."}`,
 * `bytes` in base64), this library's queue envelope (`"v": 1`), or a Python naz queue item.
 *
 * @throws InputError naming the source, the line and the field.
 */
export function messageFromJsonLine(text: string, source: string, line: number): QueuedMessage {
  let item: unknown;
  try {
    item = JSON.parse(text);
  } catch (error) {
    throw new InputError(source, line, `not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new InputError(source, line, 'must be a JSON object such as {"to":"254700000001","text":"Hi"}');
  }
  // A plain message object is read as a version-1 envelope: same field names.
  const envelope = 'v' in item || 'version' in item ? item : { v: 1, ...item };
  try {
    return parseQueuedMessage(JSON.stringify(envelope)).message;
  } catch (error) {
    if (error instanceof QueueMessageFormatError) {
      throw new InputError(
        source,
        line,
        error.message.replace(/^queue item /, '').replace(/ \(see docs\/QUEUE-FORMAT\.md\)$/, ''),
        { cause: error },
      );
    }
    throw error;
  }
}
