import type { EnqueueArgs, RunArgs, SendArgs } from '../args/cli-args.interface.js';
import { loadCliConfig } from '../config/load-cli-config.js';
import { createCliLogger } from '../output/create-cli-logger.js';
import type { CliIo } from '../runtime/cli-io.interface.js';
import type { CommandContext } from './command-context.interface.js';

/**
 * Loads and validates the config, then builds the logger it asks for (`--log-level` and `--pretty`/`--json`
 * win over the file; pretty by default on a TTY).
 *
 * @throws ConfigError (exit code 3)
 */
export async function prepareCommand<A extends SendArgs | RunArgs | EnqueueArgs>(
  args: A,
  io: CliIo,
): Promise<CommandContext<A>> {
  const config = await loadCliConfig(args.config, { env: io.env, cwd: io.cwd });
  let beforeLogLine: (() => void) | undefined;
  const sink = {
    isTTY: io.stdout.isTTY,
    write(line: string): unknown {
      beforeLogLine?.();
      return io.stdout.write(line);
    },
  };
  const logger = createCliLogger({
    level: args.logLevel ?? config.resolved.logLevel,
    pretty: args.pretty ?? io.stdout.isTTY === true,
    sink,
    metadata: config.resolved.logMetadata,
    secretValues: config.secrets,
  });
  return { args, io, config, logger, setBeforeLogLine: (hook) => (beforeLogLine = hook) };
}
