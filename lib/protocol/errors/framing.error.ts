import { PduDecodeError, type PduDecodeErrorDetails } from './pdu-decode.error.js';

/**
 * Thrown by `PduFramer` when a command_length is below 16 or above the configured maximum
 * (SMPP 3.4 §3.2.2): the byte stream can no longer be split into PDUs.
 *
 * @remarks
 * `status` is ESME_RINVCMDLEN. The session should answer with a generic_nack if it can and close the
 * connection; the framer stays failed and throws again on every push.
 */
export class FramingError extends PduDecodeError {
  override name = 'FramingError';
  /** The command_length that was read. */
  readonly commandLength: number;

  constructor(message: string, details: PduDecodeErrorDetails & { commandLength: number }) {
    super(message, details);
    this.commandLength = details.commandLength;
  }
}
