import { NazError } from '../../errors/naz-error.js';

/**
 * The session closed (or was never open) while a request waited for its response or for a window slot.
 *
 * @remarks
 * Every pending request fails with this at once when the connection ends, so the caller can put its message
 * back in the queue. Whether the SMSC acted on an in-flight request is unknown.
 */
export class SessionClosedError extends NazError {
  override readonly name = 'SessionClosedError';

  /**
   * @param reason - why the session closed (`enquire_link timeout`, `unbind from SMSC`, `connection closed by SMSC`...).
   * @param cause - the error behind it, when there is one.
   */
  constructor(
    readonly reason: string,
    cause?: Error,
  ) {
    super(`SMPP session closed: ${reason}`, cause ? { cause } : undefined);
  }
}
