import { NazError } from '../../errors/naz-error.js';
import type { FailoverRecord } from '../router-events.interface.js';

/**
 * `router.submit()` tried every client of the message's route that could take it and none accepted it (or none
 * could take it at all).
 *
 * @remarks
 * `failovers` lists each step with its reason; `cause` is the last client's error, when one was tried.
 */
export class RouteExhaustedError extends NazError {
  override readonly name = 'RouteExhaustedError';

  constructor(
    readonly route: string,
    readonly correlationId: string,
    readonly failovers: readonly FailoverRecord[],
    lastError?: Error,
  ) {
    const steps = failovers.map((f) => `${f.from}: ${f.status ?? f.reason}`).join('; ');
    super(
      `route "${route}": no client accepted message ${correlationId}${steps ? ` (${steps})` : ''}`,
      lastError ? { cause: lastError } : undefined,
    );
  }
}
