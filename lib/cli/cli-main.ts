import type { CliArgs } from './args/cli-args.interface.js';
import { parseCliArgs } from './args/parse-cli-args.js';
import type { CommandContext } from './commands/command-context.interface.js';
import { dryRunCommand } from './commands/dry-run.command.js';
import { enqueueCommand } from './commands/enqueue.command.js';
import { prepareCommand } from './commands/prepare-command.js';
import { runCommand } from './commands/run.command.js';
import { sendCommand } from './commands/send.command.js';
import { scrubSecrets } from './config/collect-secrets.js';
import { CliError } from './errors/cli-error.js';
import { UsageError } from './errors/usage-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { helpText } from './help-text.js';
import type { CliIo } from './runtime/cli-io.interface.js';
import { readPackageVersion } from './runtime/read-package-version.js';

/**
 * Runs `naz-cli` with the given arguments (without `node` and the script) and resolves with the exit code.
 *
 * @remarks
 * Never throws: a CliError prints one line to stderr (and an `error` event to stdout once the logger exists)
 * and returns its exit code; anything else is a bug and returns 1 with the stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    return report(error, io, undefined);
  }
  if (args.command === 'help') {
    io.stdout.write(helpText(readPackageVersion()));
    return ExitCode.Ok;
  }
  if (args.command === 'version') {
    io.stdout.write(`${readPackageVersion()}\n`);
    return ExitCode.Ok;
  }
  let context: CommandContext | undefined;
  try {
    context = await prepareCommand(args, io);
    if (args.dryRun) return await dryRunCommand(context);
    switch (args.command) {
      case 'send':
        return await sendCommand(context as CommandContext<typeof args>);
      case 'run':
        return await runCommand(context as CommandContext<typeof args>);
      case 'enqueue':
        return await enqueueCommand(context as CommandContext<typeof args>);
    }
  } catch (error) {
    return report(error, io, context);
  }
}

function report(error: unknown, io: CliIo, context: CommandContext | undefined): ExitCodeValue {
  const secrets = context?.config.secrets ?? [];
  if (error instanceof CliError) {
    const message = scrubSecrets(error.message, secrets);
    context?.logger.error(message, { error: error.name, exitCode: error.exitCode });
    io.stderr.write(`naz-cli: ${message}\n`);
    if (error instanceof UsageError) io.stderr.write('Run "naz-cli --help" for usage.\n');
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  context?.logger.error('unexpected error', { error });
  io.stderr.write(`naz-cli: unexpected error: ${scrubSecrets(text, secrets)}\n`);
  return ExitCode.Internal;
}
