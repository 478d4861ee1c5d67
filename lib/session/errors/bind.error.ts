import { NazError } from '../../errors/naz-error.js';

/**
 * The SMSC answered a bind with a non-zero command_status (SMPP 3.4 §4.1: `bind_*_resp`), or with a
 * generic_nack.
 *
 * @remarks
 * The message names the bind command and the status by name and code, e.g.
 * `bind_transceiver rejected: ESME_RINVPASWD (0x0000000E) Invalid Password`. It never contains the password.
 * `ESME_RINVPASWD`, `ESME_RINVSYSID` and `ESME_RBINDFAIL` mean the credentials or account are wrong: retrying
 * will not help until the configuration changes. `ESME_RALYBND` usually means a previous session is still bound
 * on the SMSC side.
 */
export class BindError extends NazError {
  override readonly name = 'BindError';

  /**
   * @param command - the bind command that was rejected (`bind_transceiver`...).
   * @param commandStatus - the SMSC's command_status.
   * @param statusName - its name (`ESME_RINVPASWD`), or `UNKNOWN` for codes outside the table.
   * @param message - the full sentence (see the class remarks).
   */
  constructor(
    readonly command: string,
    readonly commandStatus: number,
    readonly statusName: string,
    message: string,
  ) {
    super(message);
  }
}
