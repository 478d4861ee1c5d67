import type { EnqueueArgs } from '../args/cli-args.interface.js';
import { UsageError } from '../errors/usage-error.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadCommandInput } from '../input/load-command-input.js';
import { validateMessages } from '../input/validate-messages.js';
import type { CommandContext } from './command-context.interface.js';
import { connectQueue } from '../queue/connect-queue.js';
import { loadConfiguredQueue } from './load-configured-queue.js';

/**
 * `naz-cli enqueue`: puts messages into the configured queue (for a `run` elsewhere to send) and exits.
 * Connects to no SMSC.
 */
export async function enqueueCommand(context: CommandContext<EnqueueArgs>): Promise<ExitCodeValue> {
  const { config, logger } = context;
  if (config.queue.type === 'memory') {
    throw new UsageError(
      'enqueue needs a durable queue in the config (redis, rabbitmq or a module): an in-memory queue ends with this process',
    );
  }
  const input = await loadCommandInput(context.args, context.io.cwd);
  if (!input) throw new UsageError('enqueue needs --file or --to/--text');
  validateMessages(input.messages, config.resolved, input.source);
  const { queue, description } = await loadConfiguredQueue(context, false);
  if (!queue) throw new Error(`queue ${description} was not constructed`);
  try {
    await connectQueue(queue, description, {
      timeoutMs: config.resolved.connectTimeoutMs,
      secrets: config.secrets,
    });
    for (const { message } of input.messages) await queue.enqueue(message);
  } finally {
    await queue.close?.();
  }
  logger.info('enqueued', { count: input.messages.length, queue: description, source: input.source });
  return ExitCode.Ok;
}
