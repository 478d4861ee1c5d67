import type { NazLogger } from '../logging/naz-logger.interface.js';

/**
 * Wraps a logger so that a throwing logger never breaks the session's I/O path (a log call sits inside socket
 * event handlers, where a throw would become an uncaught exception). Without a logger, logs nowhere.
 */
export function guardLogger(logger: NazLogger | undefined): NazLogger {
  if (logger === undefined) {
    const ignore = (): void => undefined;
    return { debug: ignore, info: ignore, warn: ignore, error: ignore, isDebugEnabled: () => false };
  }
  const call =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void => {
      try {
        logger[level](message, fields);
      } catch {
        // A broken logger must not take the session down.
      }
    };
  return {
    debug: call('debug'),
    info: call('info'),
    warn: call('warn'),
    error: call('error'),
    isDebugEnabled: () => {
      try {
        return logger.isDebugEnabled?.() ?? true;
      } catch {
        return false;
      }
    },
  };
}
