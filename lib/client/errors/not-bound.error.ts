import { NazError } from '../../errors/naz-error.js';

/**
 * No session of the client became bound in time (`waitUntilBound`, or `submit`/`query`/`cancel`/`replace`
 * while the SMSC is unreachable), or the client gave up reconnecting (`reconnect.maxAttempts`).
 *
 * @remarks
 * The message ends with the last connect/bind failure, e.g. `... last attempt: bind_transceiver rejected:
 * ESME_RINVPASWD (0x0000000E) Invalid Password`; that error is also the `cause`.
 */
export class NotBoundError extends NazError {
  override readonly name = 'NotBoundError';

  /**
   * @param what - what was waiting (`waitUntilBound`, `submit`...).
   * @param timeoutMs - how long it waited (undefined when the client gave up or is stopped).
   * @param lastError - the last connect/bind failure, when there was one.
   */
  constructor(
    what: string,
    readonly timeoutMs: number | undefined,
    readonly lastError?: Error,
    detail?: string,
  ) {
    const waited = timeoutMs === undefined ? '' : ` within ${timeoutMs} ms`;
    const last = lastError ? `; last attempt: ${lastError.message}` : '';
    super(
      `${what}: no SMPP session bound${waited}${detail ? ` (${detail})` : ''}${last}`,
      lastError ? { cause: lastError } : undefined,
    );
  }
}
