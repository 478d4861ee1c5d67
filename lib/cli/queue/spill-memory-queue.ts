import { appendFile } from 'node:fs/promises';

import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { InMemoryOutboundQueue } from '../../queue/in-memory-outbound-queue.js';
import { serializeQueuedMessage } from '../../queue/serialization/serialize-queued-message.js';

/**
 * Takes every message left in an in-memory queue after the client stopped, and writes each one as a JSON
 * line (the queue envelope, readable by `run --input` and `send --file`) to `file`, or logs it as an
 * `unsent` event with the whole message when no file is given. Nothing leaves the process unaccounted for.
 *
 * @param maxWaitMs - how long to wait for messages parked with a retry delay.
 * @returns how many messages were spilled.
 */
export async function spillMemoryQueue(
  queue: InMemoryOutboundQueue,
  options: { file?: string; logger: NazLogger; maxWaitMs: number },
): Promise<number> {
  let spilled = 0;
  const deadline = Date.now() + options.maxWaitMs;
  while (queue.depth > 0 && Date.now() < deadline) {
    const deliveries = await queue.receive(1000, AbortSignal.timeout(Math.max(1, deadline - Date.now())));
    const lines: string[] = [];
    for (const delivery of deliveries) {
      const line = serializeQueuedMessage(delivery.message);
      if (options.file) lines.push(`${line}\n`);
      else
        options.logger.warn('unsent', {
          correlationId: delivery.message.correlationId,
          message: JSON.parse(line) as unknown,
        });
    }
    if (options.file && lines.length > 0) await appendFile(options.file, lines.join(''));
    // Acknowledged only once written: a failed write leaves them in the queue and the error surfaces.
    for (const delivery of deliveries) await delivery.ack();
    spilled += deliveries.length;
  }
  if (queue.depth > 0) {
    options.logger.error('messages still parked with a retry delay were not spilled', {
      remaining: queue.depth,
    });
  }
  return spilled;
}
