import type { LogLevel, NazLogger } from '../../logging/naz-logger.interface.js';
import { redactSecrets } from '../../logging/redact-secrets.js';
import type { LogSink } from '../../logging/json-logger.js';

/** Options of {@link PrettyLogger}. */
export interface PrettyLoggerOptions {
  level: LogLevel;
  sink: LogSink;
  /** Merged into every entry, as the JSON logger does. */
  metadata?: Record<string, unknown>;
  secretValues?: readonly string[];
  /** ANSI colours for the level. @default false */
  color?: boolean;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const COLOR: Record<LogLevel, string> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};

/**
 * A human-readable logger for terminals: `12:00:01.123 INFO  submitted correlationId=… messageIds=["7"]`.
 *
 * @remarks
 * Same events and fields as the JSON-lines output (secrets redacted the same way), one line each.
 */
export class PrettyLogger implements NazLogger {
  private readonly rank: number;
  private readonly metadata: Record<string, unknown>;
  private readonly secretValues: readonly string[];
  private readonly now: () => Date;

  constructor(private readonly options: PrettyLoggerOptions) {
    this.rank = RANK[options.level];
    this.secretValues = options.secretValues ?? [];
    this.metadata = redactSecrets(options.metadata ?? {}, { secretValues: this.secretValues });
    this.now = options.now ?? (() => new Date());
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }
  isDebugEnabled(): boolean {
    return this.rank <= RANK.debug;
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    if (RANK[level] < this.rank) return;
    const safe = {
      ...this.metadata,
      ...(fields ? redactSecrets(fields, { secretValues: this.secretValues }) : {}),
    };
    const time = this.now().toISOString().slice(11, 23);
    const label = level.toUpperCase().padEnd(5);
    const tag = this.options.color ? `${COLOR[level]}${label}\x1b[0m` : label;
    const rest = Object.entries(safe)
      .filter(([, value]) => value !== undefined)
      .map(
        ([key, value]) =>
          `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`,
      )
      .join(' ');
    this.options.sink.write(`${time} ${tag} ${message}${rest ? ` ${rest}` : ''}\n`);
  }
}
