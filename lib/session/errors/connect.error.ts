import { NazError } from '../../errors/naz-error.js';

/**
 * The TCP or TLS connection to the SMSC could not be established: refused, unreachable, timed out, or the
 * TLS handshake failed (an untrusted certificate, a host name mismatch).
 *
 * @remarks
 * The message names `host:port` and the cause; the original error is kept in `cause`. The client treats it as
 * transient and reconnects with backoff; a TLS verification failure usually needs a configuration fix (`tls.ca`,
 * `tls.servername`) rather than a retry.
 */
export class ConnectError extends NazError {
  override readonly name = 'ConnectError';

  /**
   * @param host - the SMSC host that was dialled.
   * @param port - the SMSC port that was dialled.
   * @param reason - why, in words (`connection refused`, `timed out after 5000 ms`, `self-signed certificate`).
   * @param cause - the underlying socket or TLS error, when there is one.
   */
  constructor(
    readonly host: string,
    readonly port: number,
    readonly reason: string,
    cause?: Error,
  ) {
    super(`cannot connect to SMSC ${host}:${port}: ${reason}`, cause ? { cause } : undefined);
  }
}
