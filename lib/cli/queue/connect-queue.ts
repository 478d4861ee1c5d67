import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';
import { scrubSecrets } from '../config/collect-secrets.js';
import { QueueUnavailableError } from '../errors/queue-unavailable-error.js';
import { formatDuration } from '../output/format-duration.js';

/**
 * Opens a queue that has a `connect()` (the Redis and RabbitMQ adapters, and any user queue that offers one),
 * so an unreachable broker stops the command with exit code 8 instead of failing on first use.
 *
 * @remarks
 * The adapters retry connecting forever (right for a long-running service); the CLI gives them `timeoutMs`,
 * then closes the queue so its retries stop.
 */
export async function connectQueue(
  queue: OutboundQueue,
  description: string,
  options: { timeoutMs: number; secrets: readonly string[] },
): Promise<void> {
  const connect = (queue as { connect?: unknown }).connect;
  if (typeof connect !== 'function') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)),
  );
  try {
    const outcome = await Promise.race([(connect as () => Promise<unknown>).call(queue), timeout]);
    if (outcome === 'timeout') {
      await queue.close?.().catch(() => undefined);
      throw new QueueUnavailableError(
        `could not reach the queue ${description} within ${formatDuration(options.timeoutMs)} (connectTimeoutMs; see the warnings logged above)`,
      );
    }
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    await queue.close?.().catch(() => undefined);
    const reason = scrubSecrets(error instanceof Error ? error.message : String(error), options.secrets);
    throw new QueueUnavailableError(`could not reach the queue ${description}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
