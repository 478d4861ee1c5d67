import { dataCodingName } from './data-coding.constants.js';
import { NazError } from '../../errors/naz-error.js';

/** Thrown when text is to be encoded for a data_coding that has no registered codec. */
export class UnknownDataCodingError extends NazError {
  override readonly name = 'UnknownDataCodingError';

  constructor(
    /** The data_coding without a codec. */
    readonly dataCoding: number,
  ) {
    super(
      `No text codec is registered for data_coding ${dataCodingName(dataCoding)} (SMPP 3.4 §5.2.19). ` +
        `Register one with TextCodecRegistry.register(${dataCoding}, codec), or send the octets as binary.`,
    );
  }
}
