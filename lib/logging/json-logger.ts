import type { LogLevel, NazLogger } from './naz-logger.interface.js';
import { redactSecrets } from './redact-secrets.js';

/** A level, or `silent` for no output at all. */
export type JsonLoggerLevel = LogLevel | 'silent';

/** Where JSON log lines go. */
export interface LogSink {
  write(line: string): unknown;
}

/** Options of {@link JsonLogger}. */
export interface JsonLoggerOptions {
  /** Entries below this level are dropped. @default 'info' */
  level?: JsonLoggerLevel;
  /** Merged into every entry (naz's `log_metadata`); an entry's own fields win on a clash. */
  metadata?: Record<string, unknown>;
  /** Destination of the lines. @default process.stderr */
  sink?: LogSink;
  /** Secret values masked in every string (see `redactSecrets`). */
  secretValues?: readonly string[];
  /** Clock, for tests. @default () => new Date() */
  now?: () => Date;
}

const LEVEL_RANK: Record<JsonLoggerLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * The default logger: one JSON object per line, `{"time":"…","level":"info","msg":"bound",…metadata,…fields}`.
 *
 * @remarks
 * Structured like naz's `SimpleLogger`. Fields go through `redactSecrets`, so a password or a TLS key never
 * reaches the sink, and an Error becomes `{ name, message, ... }` instead of `{}`.
 */
export class JsonLogger implements NazLogger {
  private readonly rank: number;
  private readonly metadata: Record<string, unknown>;
  private readonly sink: LogSink;
  private readonly secretValues: readonly string[];
  private readonly now: () => Date;

  constructor(options: JsonLoggerOptions = {}) {
    this.rank = LEVEL_RANK[options.level ?? 'info'];
    this.secretValues = options.secretValues ?? [];
    this.metadata = redactSecrets(options.metadata ?? {}, { secretValues: this.secretValues });
    this.sink = options.sink ?? process.stderr;
    this.now = options.now ?? (() => new Date());
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    if (this.rank <= LEVEL_RANK.debug) this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    if (this.rank <= LEVEL_RANK.info) this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    if (this.rank <= LEVEL_RANK.warn) this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    if (this.rank <= LEVEL_RANK.error) this.write('error', message, fields);
  }
  isDebugEnabled(): boolean {
    return this.rank <= LEVEL_RANK.debug;
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    const safe = fields ? redactSecrets(fields, { secretValues: this.secretValues }) : undefined;
    const entry = { time: this.now().toISOString(), level, msg: message, ...this.metadata, ...safe };
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ time: entry.time, level, msg: message, note: 'fields not serialisable' });
    }
    this.sink.write(`${line}\n`);
  }
}

/** Creates the default JSON-lines logger. */
export function createJsonLogger(options: JsonLoggerOptions = {}): JsonLogger {
  return new JsonLogger(options);
}
