import { InMemoryOutboundQueue } from '../queue/in-memory-outbound-queue.js';
import type { OutboundQueue, QueuedMessage } from '../queue/outbound-queue.interface.js';
import {
  readSpillFile,
  removeSpillFile,
  setAsideSpillFile,
  writeSpillFile,
} from '../queue/spill/spill-file.js';
import type { ClientContext } from './client-context.js';
import type { StopResult } from './stop-result.interface.js';
import { toError } from '../errors/to-error.js';

/** Correlation ids named in the stop warning: enough to find them, not a wall of text. */
const IDS_IN_WARNING = 10;
/** How long `stop()` waits for a durable queue to report its size. */
const SIZE_TIMEOUT_MS = 1000;

/**
 * At `stop()`, after the send loops stopped and in-flight messages went back to the queue: lists what the
 * in-memory queue still holds (left in it: a queue you passed in stays usable), writes it to `spillFile` when set, and says so (a warning with the count and
 * the first correlation ids). A durable queue keeps its messages: only their number is reported.
 */
export async function reportUnsent(
  queue: OutboundQueue,
  ctx: ClientContext,
  spillFile: string | undefined,
): Promise<StopResult> {
  const result: StopResult = { client: ctx.name, unsent: [] };
  if (!(queue instanceof InMemoryOutboundQueue)) {
    const size = await sizeOf(queue);
    if (size !== undefined) {
      result.leftInQueue = size;
      if (size > 0)
        ctx.logger.info(`stop: ${size} message(s) stay in the queue for the next consumer`, {
          leftInQueue: size,
        });
    }
    return result;
  }
  const unsent = queue.waitingMessages();
  result.unsent = unsent;
  if (unsent.length === 0) return result;
  const ids = unsent.slice(0, IDS_IN_WARNING).map((m) => m.correlationId);
  const more = unsent.length > IDS_IN_WARNING ? ` and ${unsent.length - IDS_IN_WARNING} more` : '';
  let where =
    "handed back in stop()'s result (the in-memory queue dies with the process; set spillFile to keep them)";
  if (spillFile !== undefined) {
    try {
      await writeSpillFile(spillFile, unsent);
      result.spillFile = spillFile;
      where = `written to the spill file ${spillFile}, to be queued again at the next start()`;
    } catch (error) {
      ctx.warn(
        `stop: writing the spill file ${spillFile} failed; the messages are only in stop()'s result`,
        toError(error),
      );
    }
  }
  ctx.warn(
    `stop: ${unsent.length} message(s) still queued were not sent (${ids.join(', ')}${more}); ${where}`,
    undefined,
    {
      unsent: unsent.length,
      correlationIds: ids,
      ...(result.spillFile !== undefined ? { spillFile: result.spillFile } : {}),
    },
  );
  return result;
}

/**
 * At `start()` with `spillFile`: queues the messages a previous `stop()` wrote there, then removes the file. Lines
 * that are not valid queue items are reported, and the file is renamed aside so nothing in it is lost.
 */
export async function restoreSpill(file: string, queue: OutboundQueue, ctx: ClientContext): Promise<void> {
  const { messages, unreadable } = await readSpillFile(file);
  if (messages.length === 0 && unreadable.length === 0) return;
  const left: QueuedMessage[] = [];
  let restored = 0;
  for (const message of messages) {
    if (left.length > 0) {
      left.push(message);
      continue;
    }
    try {
      await queue.enqueue(message);
      restored++;
    } catch (error) {
      ctx.warn(
        `spill file ${file}: queueing message ${message.correlationId} failed; the rest stay in the file`,
        toError(error),
      );
      left.push(message);
    }
  }
  if (unreadable.length > 0) {
    const aside = await setAsideSpillFile(file);
    ctx.warn(
      `spill file ${file}: ${unreadable.length} line(s) are not valid queue items (first: line ${unreadable[0].line}: ` +
        `${unreadable[0].reason}); the file was kept as ${aside}`,
    );
  } else {
    await removeSpillFile(file);
  }
  if (left.length > 0) await writeSpillFile(file, left);
  ctx.logger.info(`spill file ${file}: ${restored} message(s) queued again`, {
    restored,
    correlationIds: messages
      .slice(0, restored)
      .slice(0, IDS_IN_WARNING)
      .map((m) => m.correlationId),
    ...(left.length > 0 ? { leftInFile: left.length } : {}),
  });
}

async function sizeOf(queue: OutboundQueue): Promise<number | undefined> {
  if (!queue.size) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      queue.size(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SIZE_TIMEOUT_MS))),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
