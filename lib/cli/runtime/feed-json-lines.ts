import { createInterface } from 'node:readline';

import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';
import { QueueFullError } from '../../queue/queue-full.error.js';
import { toQueueEnvelope } from '../../queue/serialization/serialize-queued-message.js';
import { InputError } from '../errors/input-error.js';
import { messageFromJsonLine } from '../input/message-from-json-line.js';

/**
 * Reads JSON-lines messages from a stream (stdin for `run --input -`) and hands each to `send` as it arrives,
 * until the stream ends or `signal` aborts.
 *
 * @remarks
 * A bad line is logged (`invalid input line`, with line number and rule) and skipped: one bad producer line
 * must not stop a long-running consumer. On abort, reading stops, and lines already read are still sent, so
 * nothing taken from the stream is dropped.
 *
 * @returns counts of lines sent and rejected.
 */
export async function feedJsonLines(
  stream: NodeJS.ReadableStream,
  send: (message: QueuedMessage) => Promise<unknown>,
  options: { logger: NazLogger; signal: AbortSignal; source?: string },
): Promise<{ sent: number; rejected: number }> {
  const source = options.source ?? 'stdin';
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const pending: Array<{ text: string; number: number }> = [];
  let lineNumber = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  let paused = false;
  lines.on('line', (text) => {
    pending.push({ text, number: ++lineNumber });
    // Bounded read-ahead: a full queue must slow the producer down, not fill our memory.
    if (pending.length >= READ_AHEAD_LINES && !paused) {
      paused = true;
      lines.pause();
    }
    notify();
  });
  lines.on('close', () => {
    ended = true;
    notify();
  });
  const onAbort = (): void => lines.close();
  options.signal.addEventListener('abort', onAbort, { once: true });

  const counts = { sent: 0, rejected: 0 };
  try {
    for (;;) {
      const next = pending.shift();
      if (paused && !ended && pending.length < READ_AHEAD_LINES / 2) {
        paused = false;
        lines.resume();
      }
      if (!next) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (next.text.trim() === '') continue;
      let message: QueuedMessage;
      try {
        message = messageFromJsonLine(next.text, source, next.number);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        counts.rejected++;
        options.logger.error('invalid input line', { source, line: next.number, rule: error.message });
        continue;
      }
      try {
        await sendWithBackPressure(send, message, options.signal);
        counts.sent++;
      } catch (error) {
        counts.rejected++;
        // The whole message goes into the log entry: it was taken from the stream, so it must not vanish.
        options.logger.error('input message refused', {
          source,
          line: next.number,
          correlationId: message.correlationId,
          error,
          message: toQueueEnvelope(message),
        });
      }
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  return counts;
}

/** Lines read ahead of the queue before stdin is paused. */
const READ_AHEAD_LINES = 1000;

/** How long a full queue is given before the next try. */
const FULL_QUEUE_PAUSE_MS = 50;

/**
 * Sends, waiting while the queue is full (stdin is then read no further: the producer feels the
 * back-pressure through the pipe). Gives up only when `signal` aborts.
 */
async function sendWithBackPressure(
  send: (message: QueuedMessage) => Promise<unknown>,
  message: QueuedMessage,
  signal: AbortSignal,
): Promise<void> {
  for (;;) {
    try {
      await send(message);
      return;
    } catch (error) {
      if (!(error instanceof QueueFullError) || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, FULL_QUEUE_PAUSE_MS));
    }
  }
}
