import { parseArgs } from 'node:util';
import type { CommandName } from '../../protocol/pdu.types.js';
import type { JsonLoggerLevel } from '../../logging/json-logger.js';
import { isReceiptState, type ReceiptStateMix } from '../receipts/receipt-state.js';
import type {
  DelaySpec,
  FaultOptions,
  MalformedKind,
  MoSplitMethod,
  SimulatorCredential,
  SmscSimulatorOptions,
} from '../simulator-options.interface.js';
import { DEFAULT_CLI_PORT, HELP_TEXT, PARSE_ARGS_OPTIONS } from './naz-smsc-help.js';

export { DEFAULT_CLI_PORT, HELP_TEXT };

/** What the command line asks for. */
export type ParsedCli =
  | { help: true }
  | {
      help: false;
      options: SmscSimulatorOptions;
      logLevel: JsonLoggerLevel;
      statsIntervalMs?: number;
      stdinControl: boolean;
    };

/** A command-line value the simulator cannot use; the message names the flag and what it accepts. */
export class CliArgumentError extends Error {
  override name = 'CliArgumentError';
}

function integer(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliArgumentError(`--${flag} "${value}" must be an integer >= ${min}.`);
  return n;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliArgumentError(`--${flag} "${value}" must be a number > 0.`);
  return n;
}

/** `150` or `10-200` (ms). */
function delay(flag: string, value: string | undefined): DelaySpec | undefined {
  if (value === undefined) return undefined;
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (max < min) throw new CliArgumentError(`--${flag} "${value}": the minimum is above the maximum.`);
    return { min, max };
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new CliArgumentError(`--${flag} "${value}" must be ms, or a range min-max.`);
  return n;
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliArgumentError(`--${flag} "${value}" must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

function stateMix(value: string | undefined): ReceiptStateMix | undefined {
  if (value === undefined) return undefined;
  const mix: ReceiptStateMix = {};
  for (const entry of value.split(',')) {
    const [name, weight = '1'] = entry.split('=');
    if (!isReceiptState(name))
      throw new CliArgumentError(`--receipt-states: "${name}" is not a receipt state.`);
    const w = Number(weight);
    if (!Number.isFinite(w) || w < 0)
      throw new CliArgumentError(`--receipt-states: weight "${weight}" of ${name} must be >= 0.`);
    mix[name] = w;
  }
  return mix;
}

function credential(value: string): SimulatorCredential {
  const at = value.indexOf(':');
  // The value is not echoed: it may be a password typed without its system_id.
  if (at <= 0) throw new CliArgumentError('--credential must look like system_id:password.');
  return { system_id: value.slice(0, at), password: value.slice(at + 1) };
}

/** Drops undefined values so option objects only hold what was given. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Parses `naz-smsc` arguments.
 *
 * @throws CliArgumentError naming the flag when a value is unusable (unknown flags included).
 */
export function parseCliArgs(argv: string[]): ParsedCli {
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: PARSE_ARGS_OPTIONS,
    }));
  } catch (error) {
    throw new CliArgumentError(
      `${error instanceof Error ? error.message : String(error)} (see naz-smsc --help)`,
    );
  }
  if (values.help === true) return { help: true };
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };

  const randomDrop = delay('random-drop', str('random-drop'));
  const faults: FaultOptions = defined({
    throttleEveryNth: integer('throttle-every', str('throttle-every'), 1),
    throttleAboveRate: positive('throttle-above-rate', str('throttle-above-rate')),
    queueFullEveryNth: integer('queue-full-every', str('queue-full-every'), 1),
    responseDelayMs: delay('response-delay', str('response-delay')),
    neverAnswerEveryNth: integer('never-answer-every', str('never-answer-every'), 1),
    neverAnswerCommands: str('never-answer-commands')?.split(',') as CommandName[] | undefined,
    dropAfterPdus: integer('drop-after-pdus', str('drop-after-pdus'), 1),
    randomDropMs: typeof randomDrop === 'number' ? { min: randomDrop, max: randomDrop } : randomDrop,
    unbindAfterMs: positive('unbind-after', str('unbind-after')),
    enquireLinkIntervalMs: positive('enquire-link-interval', str('enquire-link-interval')),
    enquireLinkTimeoutMs: positive('enquire-link-timeout', str('enquire-link-timeout')),
    malformedEveryNth: integer('malformed-every', str('malformed-every'), 1),
    malformedKind: oneOf<MalformedKind>('malformed-kind', str('malformed-kind'), [
      'truncated-body',
      'bad-command-length',
      'unknown-command',
    ]),
    receiptBeforeResponse: delay('receipt-before-response', str('receipt-before-response')),
  });
  if (values.receipts === true && values['no-receipts'] === true) {
    throw new CliArgumentError('--receipts and --no-receipts contradict each other.');
  }
  const moRate = positive('mo-rate', str('mo-rate'));
  const moFields = defined({
    count: integer('mo-count', str('mo-count')),
    text: str('mo-text'),
    split: oneOf<MoSplitMethod>('mo-split', str('mo-split'), ['udh8', 'udh16', 'sar', 'payload']),
    source_addr: str('mo-source'),
    destination_addr: str('mo-destination'),
    system_id: str('mo-system-id'),
  });
  if (moRate === undefined && Object.keys(moFields).length > 0) {
    throw new CliArgumentError(`--mo-* flags need --mo-rate to start MO traffic.`);
  }
  const credentialValues = values.credential;
  const credentials = Array.isArray(credentialValues)
    ? credentialValues.filter((v): v is string => typeof v === 'string').map(credential)
    : undefined;
  const httpPort = integer('http', str('http'));
  if (httpPort === undefined && str('http-host') !== undefined) {
    throw new CliArgumentError('--http-host needs --http <port> to start the web console.');
  }
  const options: SmscSimulatorOptions = defined({
    host: str('host'),
    port: integer('port', str('port')) ?? DEFAULT_CLI_PORT,
    systemId: str('system-id'),
    credentials,
    maxCommandLength: integer('max-command-length', str('max-command-length'), 16),
    deliverWindow: integer('deliver-window', str('deliver-window')),
    messageIdFormat: oneOf('message-id-format', str('message-id-format'), ['decimal', 'hex'] as const),
    messageIdStart: integer('message-id-start', str('message-id-start')),
    storeCapacity: integer('store-capacity', str('store-capacity'), 1),
    receipts: defined({
      enabled: values['no-receipts'] === true ? false : undefined,
      delayMs: delay('receipt-delay', str('receipt-delay')),
      states: stateMix(str('receipt-states')),
    }),
    mo: moRate === undefined ? undefined : { rate: moRate, ...moFields },
    faults,
    http: httpPort === undefined ? undefined : defined({ port: httpPort, host: str('http-host') }),
  });
  const logLevel =
    oneOf<JsonLoggerLevel>('log-level', str('log-level'), ['debug', 'info', 'warn', 'error', 'silent']) ??
    'info';
  const statsIntervalMs = positive('stats-interval', str('stats-interval'));
  return {
    help: false,
    options,
    logLevel,
    ...(statsIntervalMs === undefined ? {} : { statsIntervalMs }),
    stdinControl: values['stdin-control'] === true,
  };
}
