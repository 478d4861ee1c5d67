import { NazError } from '../../errors/naz-error.js';

/** Thrown when a message would need more parts than allowed. */
export class TooManyPartsError extends NazError {
  override readonly name = 'TooManyPartsError';

  constructor(
    /** Parts the message would need. */
    readonly parts: number,
    /** The configured limit (`maxParts`). */
    readonly maxParts: number,
  ) {
    super(
      `The message needs ${parts} parts but at most ${maxParts} are allowed (maxParts; a UDH or ` +
        `sar_total_segments counts parts in one octet, so 255 at most). Shorten the message or raise maxParts.`,
    );
  }
}
