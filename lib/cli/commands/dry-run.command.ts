import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadCommandInput } from '../input/load-command-input.js';
import { validateMessages } from '../input/validate-messages.js';
import type { CommandContext } from './command-context.interface.js';
import { loadConfiguredQueue } from './load-configured-queue.js';

/**
 * `--dry-run`: the config is already valid by now; load the queue (import and check, construct nothing that
 * could connect), read and check the input messages, report what would run. Connects nothing.
 */
export async function dryRunCommand(context: CommandContext): Promise<ExitCodeValue> {
  const { args, config, logger } = context;
  const loaded = await loadConfiguredQueue(context, true);
  await loaded.queue?.close?.();
  const inputSpec =
    args.command === 'run'
      ? args.input !== undefined && args.input !== '-'
        ? { file: args.input }
        : {}
      : args;
  const input = await loadCommandInput(inputSpec, context.io.cwd);
  if (input) validateMessages(input.messages, config.resolved, input.source);
  const r = config.resolved;
  logger.info('dry run: config is valid, nothing was connected', {
    command: args.command,
    config: config.file,
    client: r.name,
    host: r.host,
    port: r.port,
    tls: r.tls !== false,
    systemId: r.systemId,
    bindMode: r.bindMode,
    sessions: r.sessions,
    windowSize: r.windowSize,
    rateLimitPerSecond: r.rateLimit?.perSecond,
    queue: args.command === 'send' ? 'memory (send uses its own)' : loaded.description,
    messages: input?.messages.length,
    input: input?.source ?? (args.command === 'run' && args.input === '-' ? 'stdin' : undefined),
  });
  return ExitCode.Ok;
}
