/**
 * Process exit codes of `naz-cli`. Stable: scripts branch on them, so a value never changes meaning.
 *
 * @remarks
 * Listed in `naz-cli --help` and docs/CLI.md; keep the three in step.
 */
export const ExitCode = {
  /** Everything asked for was done (every message accepted; `run` stopped by a signal after draining). */
  Ok: 0,
  /** Unexpected error (a bug): the message and stack are logged. */
  Internal: 1,
  /** Bad command line: unknown command or flag, missing or contradictory flags. */
  Usage: 2,
  /** Configuration error: file unreadable or unparsable, an invalid option, a missing environment variable, a queue that cannot be loaded. */
  Config: 3,
  /** Input error: the CSV / JSON-lines file is unreadable or malformed, or a message in it is invalid. */
  Input: 4,
  /** Could not connect or bind (wrong host, refused credentials, timeout); `run`: the client gave up reconnecting. */
  Bind: 5,
  /** At least one message failed (rejected by the SMSC, retries exhausted, or a receipt reporting non-delivery). */
  PartialFailure: 6,
  /** The message was accepted but its delivery receipt did not arrive before `--receipt-timeout`. */
  ReceiptTimeout: 7,
  /** The configured queue (Redis, RabbitMQ, or a module's) could not be reached. */
  QueueUnavailable: 8,
  /** Interrupted by SIGINT/SIGTERM before `send` finished (what was in flight was drained first). */
  Interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per exit code, for `--help` and the docs. */
export const EXIT_CODE_DESCRIPTIONS: ReadonlyArray<readonly [ExitCodeValue, string]> = [
  [ExitCode.Ok, 'success (run: stopped by SIGINT/SIGTERM after a graceful drain)'],
  [ExitCode.Internal, 'unexpected error (a bug; the stack is logged)'],
  [ExitCode.Usage, 'bad command line (unknown command or flag, missing flag)'],
  [ExitCode.Config, 'configuration error (unreadable file, invalid option, missing env variable, bad queue)'],
  [ExitCode.Input, 'input error (malformed CSV / JSON lines, invalid message)'],
  [ExitCode.Bind, 'could not connect or bind to the SMSC (run: after reconnect.maxAttempts failures)'],
  [ExitCode.PartialFailure, 'one or more messages failed (rejected, retries exhausted, not delivered)'],
  [ExitCode.ReceiptTimeout, 'message accepted but no delivery receipt within --receipt-timeout'],
  [ExitCode.QueueUnavailable, 'the configured queue (Redis, RabbitMQ, module) could not be reached'],
  [ExitCode.Interrupted, 'send interrupted by SIGINT/SIGTERM (in-flight messages were drained)'],
];
