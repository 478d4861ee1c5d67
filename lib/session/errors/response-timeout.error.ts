import { NazError } from '../../errors/naz-error.js';

/**
 * No response arrived for a request within its response timeout (SMPP 5.0 §2.7 "Response Timer": the
 * operation is assumed to have failed).
 *
 * @remarks
 * The window slot is freed when this is raised; a response that arrives later is logged and dropped. The SMSC
 * may still have acted on the request (a submit_sm may have been accepted), so a retry can duplicate a message:
 * that is the at-least-once trade-off.
 */
export class ResponseTimeoutError extends NazError {
  override readonly name = 'ResponseTimeoutError';

  /**
   * @param command - the request that got no answer (`submit_sm`, `bind_transceiver`, `enquire_link`...).
   * @param sequenceNumber - its sequence_number.
   * @param timeoutMs - how long the session waited.
   */
  constructor(
    readonly command: string,
    readonly sequenceNumber: number,
    readonly timeoutMs: number,
  ) {
    super(`no ${command}_resp for ${command} sequence_number ${sequenceNumber} within ${timeoutMs} ms`);
  }
}
