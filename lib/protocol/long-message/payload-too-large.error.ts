import { MAX_MESSAGE_PAYLOAD_OCTETS } from './long-message.constants.js';
import { NazError } from '../../errors/naz-error.js';

/** Thrown when content is too long for one message_payload TLV (method `'payload'`). */
export class PayloadTooLargeError extends NazError {
  override readonly name = 'PayloadTooLargeError';

  constructor(
    /** Encoded length of the content. */
    readonly octets: number,
  ) {
    super(
      `The message is ${octets} octets once encoded; message_payload holds at most ` +
        `${MAX_MESSAGE_PAYLOAD_OCTETS} (its TLV length is two octets, SMPP 3.4 §5.3.2.32). ` +
        `Use method 'udh8' or 'sar' to split it instead.`,
    );
  }
}
