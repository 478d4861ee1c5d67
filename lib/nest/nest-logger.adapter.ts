import { Logger } from '@nestjs/common';
import type { LogLevel, NazLogger } from '../logging/naz-logger.interface.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { formatLogFields } from './utils/format-log-fields.util.js';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The default `NAZ_LOGGER`: forwards naz's structured entries to Nest's `Logger`, so they go wherever the app's
 * logger goes (text, or JSON with `new ConsoleLogger({ json: true })`).
 *
 * @remarks
 * Each entry is one line: the fields are written into the message as `key=value` pairs
 * (`client bound systemId=acme window=10`), redacted again here so a password never reaches a log even if a caller
 * forgot. Passing them as a separate structured param instead would split every entry in two under Nest 11's
 * `ConsoleLogger` (it prints each param on its own line) and drop them under loggers that ignore extra params.
 * For machine-readable fields, bind `NAZ_LOGGER` to a `JsonLogger` or your own `NazLogger`.
 */
export class NestLoggerAdapter implements NazLogger {
  private readonly logger: Logger;
  private readonly threshold: number;

  /**
   * @param context - the Nest log context. @default 'Naz'
   * @param level - the lowest level forwarded (the client's `logLevel`); Nest's own log levels apply on top.
   * @default 'info'
   */
  constructor(context = 'Naz', level: LogLevel = 'info') {
    this.logger = new Logger(context);
    this.threshold = LEVELS.indexOf(level);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('log', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }
  isDebugEnabled(): boolean {
    return this.threshold === 0 && Logger.isLevelEnabled('debug');
  }

  private write(
    level: 'debug' | 'log' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ): void {
    if (LEVELS.indexOf(level === 'log' ? 'info' : level) < this.threshold) return;
    if (fields === undefined || Object.keys(fields).length === 0) {
      this.logger[level](message);
      return;
    }
    this.logger[level](`${message}${formatLogFields(redactSecrets(fields))}`);
  }
}
