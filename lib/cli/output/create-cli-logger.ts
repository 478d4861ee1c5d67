import { JsonLogger, type LogSink } from '../../logging/json-logger.js';
import type { LogLevel, NazLogger } from '../../logging/naz-logger.interface.js';
import { PrettyLogger } from './pretty-logger.js';

/** Options of {@link createCliLogger}. */
export interface CliLoggerOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON lines. */
  pretty: boolean;
  /** Where lines go (stdout). */
  sink: LogSink & { isTTY?: boolean };
  /** The config's `logMetadata`, merged into every entry. */
  metadata?: Record<string, unknown>;
  /** Secret values (passwords...) masked wherever they would appear. */
  secretValues?: readonly string[];
}

/**
 * The CLI's logger: one event per line on stdout, JSON (`{"time","level","msg",...metadata,...fields}`) or,
 * with `pretty`, a readable line. Secrets are redacted in both.
 */
export function createCliLogger(options: CliLoggerOptions): NazLogger {
  if (options.pretty) {
    return new PrettyLogger({
      level: options.level,
      sink: options.sink,
      metadata: options.metadata,
      secretValues: options.secretValues,
      color: options.sink.isTTY === true && !process.env.NO_COLOR,
    });
  }
  return new JsonLogger({
    level: options.level,
    sink: options.sink,
    metadata: options.metadata,
    secretValues: options.secretValues,
  });
}
