import { parseArgs } from 'node:util';
import type { CommandName } from '../../protocol/pdu.types.js';
import type { JsonLoggerLevel } from '../../logging/json-logger.js';
import type {
  FaultOptions,
  MalformedKind,
  MoSplitMethod,
  SmscSimulatorOptions,
} from '../simulator-options.interface.js';
import { CliArgumentError } from './cli-argument.error.js';
import { DEFAULT_CLI_PORT, HELP_TEXT, PARSE_ARGS_OPTIONS } from './naz-smsc-help.js';
import { credential, defined, delay, integer, oneOf, positive, stateMix } from './parse-cli-values.js';

export { CliArgumentError, DEFAULT_CLI_PORT, HELP_TEXT };

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
