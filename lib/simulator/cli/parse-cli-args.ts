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

/** The CLI's default port: the IANA-registered SMPP port. */
export const DEFAULT_CLI_PORT = 2775;

/** `naz-smsc --help`. */
export const HELP_TEXT = `naz-smsc: an SMPP 3.4 SMSC simulator (nestjs-naz)

Usage: naz-smsc [options]

Listening
  --host <ip>                     interface to listen on (default 127.0.0.1)
  --port <n>                      TCP port; 0 picks a free one (default ${DEFAULT_CLI_PORT})
  --system-id <id>                system_id returned in bind responses (default naz-smsc)
  --credential <id:password>      account allowed to bind; repeat for more. Without any, every bind is accepted;
                                  with some, unknown ids get ESME_RINVSYSID and wrong passwords ESME_RINVPASWD
  --max-command-length <n>        largest command_length accepted (default 70000)
  --deliver-window <n>            most unanswered deliver_sm per connection; more wait (default 0 = no limit)
  --http <port>                   serve the web console on this port (0 picks a free one); off by default
  --http-host <ip>                interface of the web console (default 127.0.0.1)

Messages
  --message-id-format <f>         decimal | hex (default decimal)
  --message-id-start <n>          first message id counter (default 1)
  --store-capacity <n>            messages kept for query_sm/cancel_sm/replace_sm (default 100000)

Delivery receipts (sent when registered_delivery asks)
  --receipts                      send receipts (the default)
  --no-receipts                   never send receipts
  --receipt-delay <ms|min-max>    time to the final state and receipt (default 1000)
  --receipt-states <mix>          final states, e.g. DELIVRD=0.9,UNDELIV=0.1 (default DELIVRD=1)
                                  states: DELIVRD EXPIRED DELETED UNDELIV ACCEPTD UNKNOWN REJECTD

MO traffic (deliver_sm to receiver/transceiver binds)
  --mo-rate <n>                   MO messages per second (off by default)
  --mo-count <n>                  stop after n messages
  --mo-text <text>                message text (default "MO message <n>")
  --mo-split <method>             udh8 | udh16 | sar | payload, for long texts (default udh8)
  --mo-source <addr>              source_addr (default 447700900001)
  --mo-destination <addr>         destination_addr (default 1234)
  --mo-system-id <id>             only to sessions bound with this system_id

Faults (also switchable at run time with --stdin-control)
  --throttle-every <n>            answer every nth submit with ESME_RTHROTTLED
  --throttle-above-rate <n>       ESME_RTHROTTLED above n submits per second
  --queue-full-every <n>          answer every nth submit with ESME_RMSGQFUL (1 = always)
  --response-delay <ms|min-max>   delay every response (fixed or random)
  --never-answer-every <n>        never answer every nth request of --never-answer-commands
  --never-answer-commands <list>  default submit_sm,submit_multi,data_sm
  --drop-after-pdus <n>           close a connection after n PDUs
  --random-drop <min-max>         close each bound connection at a random moment in this window (ms)
  --unbind-after <ms>             send unbind this long after each bind
  --enquire-link-interval <ms>    send enquire_link on bound sessions at this interval
  --enquire-link-timeout <ms>     close a session whose enquire_link is unanswered this long
  --malformed-every <n>           write malformed bytes after every nth request
  --malformed-kind <kind>         truncated-body | bad-command-length | unknown-command
  --receipt-before-response <ms|min-max>
                                  send each receipt at once, before its submit response, which waits this long

Output and control
  --log-level <level>             debug | info | warn | error | silent (default info); JSON lines on stderr;
                                  per-PDU lines only at debug
  --stats-interval <ms>           print a JSON stats line on stdout at this interval
  --stdin-control                 read commands from stdin, one per line: "stats", or JSON such as
                                  {"faults":{"throttleEveryNth":3}}, {"receipts":{"delayMs":0}},
                                  {"mo":{"text":"hi"}}, {"unbind":true}, {"drop":true}, {"malformed":"truncated-body"}
  -h, --help                      show this help

stdout: one JSON line {"event":"listening",...} at start, {"event":"stats",...} on SIGUSR2, on "stats"
and on exit (SIGINT/SIGTERM), each with the counters and the process CPU time.
`;

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
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        host: { type: 'string' },
        port: { type: 'string' },
        'system-id': { type: 'string' },
        credential: { type: 'string', multiple: true },
        'max-command-length': { type: 'string' },
        'deliver-window': { type: 'string' },
        http: { type: 'string' },
        'http-host': { type: 'string' },
        'message-id-format': { type: 'string' },
        'message-id-start': { type: 'string' },
        'store-capacity': { type: 'string' },
        receipts: { type: 'boolean' },
        'no-receipts': { type: 'boolean' },
        'receipt-delay': { type: 'string' },
        'receipt-states': { type: 'string' },
        'mo-rate': { type: 'string' },
        'mo-count': { type: 'string' },
        'mo-text': { type: 'string' },
        'mo-split': { type: 'string' },
        'mo-source': { type: 'string' },
        'mo-destination': { type: 'string' },
        'mo-system-id': { type: 'string' },
        'throttle-every': { type: 'string' },
        'throttle-above-rate': { type: 'string' },
        'queue-full-every': { type: 'string' },
        'response-delay': { type: 'string' },
        'never-answer-every': { type: 'string' },
        'never-answer-commands': { type: 'string' },
        'drop-after-pdus': { type: 'string' },
        'random-drop': { type: 'string' },
        'unbind-after': { type: 'string' },
        'enquire-link-interval': { type: 'string' },
        'enquire-link-timeout': { type: 'string' },
        'malformed-every': { type: 'string' },
        'malformed-kind': { type: 'string' },
        'receipt-before-response': { type: 'string' },
        'log-level': { type: 'string' },
        'stats-interval': { type: 'string' },
        'stdin-control': { type: 'boolean' },
      },
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
  const credentials = (values.credential as string[] | undefined)?.map(credential);
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
