/** Severity of a log entry, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Structured logger used by every layer.
 *
 * @remarks
 * Each call is one event: a short message plus fields. Implementations merge the client's `logMetadata` into
 * every entry and must never receive secrets: the library strips `password` (and other known secret keys)
 * before calling them. Replace it with the `NAZ_LOGGER` token in Nest, or the `logger` policy elsewhere.
 */
export interface NazLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether `debug` entries are wanted; lets hot paths skip building fields. */
  isDebugEnabled?(): boolean;
}
