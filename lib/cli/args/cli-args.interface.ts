import type { LogLevel } from '../../logging/naz-logger.interface.js';

/** Sub-commands of `naz-cli`. */
export type CliCommandName = 'run' | 'send' | 'enqueue';

/** Flags shared by every sub-command. */
export interface CommonArgs {
  /** Path of the JSON/YAML config file. */
  config: string;
  /** Overrides the config's `logLevel`. */
  logLevel?: LogLevel;
  /** true: human-readable logs; false: JSON lines; undefined: human-readable on a TTY only. */
  pretty?: boolean;
  /** Validate and load everything, connect nothing. */
  dryRun: boolean;
}

/** `naz-cli send`: one message from flags, or a batch from a CSV / JSON-lines file. */
export interface SendArgs extends CommonArgs {
  command: 'send';
  /** One message (when no `file`). */
  message?: { to: string; from?: string; text: string; correlationId?: string };
  /** Batch file (CSV with a header row, or JSON lines when it ends in .jsonl/.ndjson). */
  file?: string;
  /** How long the single send waits for its delivery receipt. @default 60000 */
  receiptTimeoutMs: number;
  /** false with `--no-wait`: do not wait for the receipt. */
  waitForReceipt: boolean;
  /** How long to wait for the first bind before giving up with exit code 5. @default 30000 */
  bindTimeoutMs: number;
}

/** `naz-cli run`: consume the configured queue until SIGINT/SIGTERM. */
export interface RunArgs extends CommonArgs {
  command: 'run';
  /** Messages to put into the queue first: a CSV / JSON-lines file, or `-` for JSON lines read from stdin as they come. */
  input?: string;
  /** File (JSON lines) receiving messages still in an in-memory queue at shutdown. */
  spill?: string;
}

/** `naz-cli enqueue`: put messages into the configured queue (for another `run` to send); connects to no SMSC. */
export interface EnqueueArgs extends CommonArgs {
  command: 'enqueue';
  message?: { to: string; from?: string; text: string; correlationId?: string };
  file?: string;
}

/** What the command line asked for. */
export type CliArgs =
  SendArgs | RunArgs | EnqueueArgs | { command: 'help'; topic?: CliCommandName } | { command: 'version' };
