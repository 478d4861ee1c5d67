import type { NazLogger } from './naz-logger.interface.js';
import { redactSecrets } from './redact-secrets.js';

/** Options of {@link SafeLogger}. */
export interface SafeLoggerOptions {
  /** Merged under every entry's fields (naz's `log_metadata`). */
  metadata?: Record<string, unknown>;
  /** Secret values masked wherever they appear (the bind password). */
  secretValues?: readonly string[];
}

/**
 * Wraps any `NazLogger` (a user's own included) so that it never receives a secret, merges `logMetadata`
 * into every entry, and never throws back into the library.
 *
 * @remarks
 * The client puts every logger behind one of these: a logger bug must not break a send, and a user's logger
 * may not redact anything itself.
 */
export class SafeLogger implements NazLogger {
  private readonly metadata: Record<string, unknown> | undefined;
  private readonly secretValues: readonly string[];

  constructor(
    private readonly inner: NazLogger,
    options: SafeLoggerOptions = {},
  ) {
    this.secretValues = options.secretValues ?? [];
    const meta = options.metadata && Object.keys(options.metadata).length > 0 ? options.metadata : undefined;
    this.metadata = meta ? redactSecrets(meta, { secretValues: this.secretValues }) : undefined;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    if (this.isDebugEnabled()) this.call('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.call('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.call('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.call('error', message, fields);
  }
  isDebugEnabled(): boolean {
    try {
      return this.inner.isDebugEnabled ? this.inner.isDebugEnabled() : true;
    } catch {
      return false;
    }
  }

  private call(
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ): void {
    try {
      const merged = this.metadata ? { ...this.metadata, ...fields } : (fields ?? {});
      const safe = redactSecrets(merged, { secretValues: this.secretValues });
      this.inner[level](
        this.secretValues.length > 0 ? maskMessage(message, this.secretValues) : message,
        safe,
      );
    } catch {
      // A broken logger must never break the protocol work around it.
    }
  }
}

function maskMessage(message: string, secretValues: readonly string[]): string {
  const masked = redactSecrets({ m: message }, { secretValues }).m;
  return typeof masked === 'string' ? masked : message;
}

/** A logger that drops everything. */
export const silentLogger: NazLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  isDebugEnabled: () => false,
};
