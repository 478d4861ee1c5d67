import { dataCodingName } from './data-coding.constants.js';
import { NazError } from '../../errors/naz-error.js';

/**
 * Thrown when text contains a character the chosen charset cannot represent.
 *
 * @remarks
 * Encoders never substitute `?`: a silently altered message is worse than a refused one.
 * `index` is the UTF-16 offset in the string (so `text.codePointAt(index)` is the culprit).
 */
export class UnencodableTextError extends NazError {
  override readonly name = 'UnencodableTextError';

  constructor(
    /** Name of the charset that refused the text, e.g. `'GSM 03.38'`. */
    readonly charset: string,
    /** The first character that cannot be encoded (a whole code point). */
    readonly character: string,
    /** UTF-16 offset of `character` in the text. */
    readonly index: number,
    /** The data_coding the text was encoded for, when known. */
    readonly dataCoding?: number,
  ) {
    const codePoint = character.codePointAt(0) ?? 0;
    const where =
      dataCoding === undefined ? charset : `${charset} (data_coding ${dataCodingName(dataCoding)})`;
    super(
      `Character "${character}" (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}) at index ${index} ` +
        `cannot be encoded with ${where}. Use UCS2 (data_coding 0x08), or omit data_coding to let ` +
        `chooseDataCoding() pick one that fits.`,
    );
  }

  /** The same error, naming the data_coding it was encoded for. */
  withDataCoding(dataCoding: number): UnencodableTextError {
    return new UnencodableTextError(this.charset, this.character, this.index, dataCoding);
  }
}
