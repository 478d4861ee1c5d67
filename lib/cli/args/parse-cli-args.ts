import { parseArgs } from 'node:util';

import type { LogLevel } from '../../logging/naz-logger.interface.js';
import { UsageError } from '../errors/usage-error.js';
import type { CliArgs, CliCommandName, CommonArgs } from './cli-args.interface.js';
import { parseDuration } from './parse-duration.js';

const COMMANDS: readonly CliCommandName[] = ['run', 'send', 'enqueue'];
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  'log-level': { type: 'string' },
  pretty: { type: 'boolean' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  to: { type: 'string' },
  from: { type: 'string' },
  text: { type: 'string' },
  'correlation-id': { type: 'string' },
  file: { type: 'string', short: 'f' },
  'receipt-timeout': { type: 'string' },
  'no-wait': { type: 'boolean' },
  'bind-timeout': { type: 'string' },
  input: { type: 'string', short: 'i' },
  spill: { type: 'string' },
} as const;

/** Flags each sub-command accepts besides the common ones. */
const COMMAND_FLAGS: Record<CliCommandName, readonly string[]> = {
  send: ['to', 'from', 'text', 'correlation-id', 'file', 'receipt-timeout', 'no-wait', 'bind-timeout'],
  run: ['input', 'spill'],
  enqueue: ['to', 'from', 'text', 'correlation-id', 'file'],
};
const COMMON_FLAGS = ['config', 'log-level', 'pretty', 'json', 'dry-run', 'help', 'version'];

/**
 * Turns `process.argv.slice(2)` into a {@link CliArgs}.
 *
 * @remarks
 * Without a sub-command, `naz-cli --config c.json` means `run`, as the Python naz-cli does.
 *
 * @throws UsageError for an unknown command or flag, a flag the command does not take, or a missing one.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { values, positionals } = parsed;
  const [commandWord, ...extra] = positionals;
  if (commandWord !== undefined && !COMMANDS.includes(commandWord as CliCommandName)) {
    throw new UsageError(`unknown command "${commandWord}"; expected one of: ${COMMANDS.join(', ')}`);
  }
  const command = (commandWord ?? 'run') as CliCommandName;
  if (values.help) return { command: 'help', topic: commandWord as CliCommandName | undefined };
  if (values.version) return { command: 'version' };
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const allowed = new Set([...COMMON_FLAGS, ...COMMAND_FLAGS[command]]);
  for (const flag of Object.keys(values)) {
    if (!allowed.has(flag)) throw new UsageError(`--${flag} is not an option of "${command}"`);
  }
  const common = parseCommon(values);

  if (command === 'run') {
    return { ...common, command, input: values.input, spill: values.spill };
  }
  const message = parseMessageFlags(values, command);
  if (command === 'enqueue') return { ...common, command, message, file: values.file };
  return {
    ...common,
    command,
    message,
    file: values.file,
    receiptTimeoutMs: parseDuration('receipt-timeout', values['receipt-timeout'] ?? '60s'),
    waitForReceipt: values['no-wait'] !== true,
    bindTimeoutMs: parseDuration('bind-timeout', values['bind-timeout'] ?? '30s'),
  };
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function parseCommon(values: ParsedValues): CommonArgs {
  if (values.config === undefined)
    throw new UsageError('--config <file> is required (JSON or YAML client config)');
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  if (values.pretty && values.json) throw new UsageError('--pretty and --json cannot be used together');
  return {
    config: values.config,
    logLevel: logLevel as LogLevel | undefined,
    pretty: values.pretty ? true : values.json ? false : undefined,
    dryRun: values['dry-run'] === true,
  };
}

function parseMessageFlags(
  values: ParsedValues,
  command: 'send' | 'enqueue',
): { to: string; from?: string; text: string; correlationId?: string } | undefined {
  const hasMessageFlag = ['to', 'from', 'text', 'correlation-id'].some((flag) => flag in values);
  if (values.file !== undefined) {
    if (hasMessageFlag) {
      throw new UsageError(
        `${command}: use either --file or --to/--text, not both (per-message fields go in the file)`,
      );
    }
    return undefined;
  }
  if (values.to === undefined || values.text === undefined) {
    throw new UsageError(`${command} needs --to <number> and --text <text>, or --file <batch.csv>`);
  }
  return { to: values.to, from: values.from, text: values.text, correlationId: values['correlation-id'] };
}
