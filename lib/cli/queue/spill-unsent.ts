import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';
import { toQueueEnvelope } from '../../queue/serialization/serialize-queued-message.js';
import { writeSpillFile } from '../../queue/spill/spill-file.js';

/**
 * Writes the messages `client.stop()` reported unsent (what the in-memory queue still held) to `file` as JSON
 * lines in the queue format, with the engine's spill writer (the same one as the `spillFile` option), or logs
 * each as an `unsent` event with the whole message when no file is given. Nothing leaves the process unaccounted
 * for.
 *
 * @returns how many messages were spilled.
 */
export async function spillUnsent(
  unsent: readonly QueuedMessage[],
  options: { file?: string; logger: NazLogger },
): Promise<number> {
  if (options.file !== undefined) {
    await writeSpillFile(options.file, unsent);
  } else {
    for (const message of unsent) {
      options.logger.warn('unsent', {
        correlationId: message.correlationId,
        message: toQueueEnvelope(message),
      });
    }
  }
  return unsent.length;
}
