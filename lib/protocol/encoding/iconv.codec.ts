import { iconvLite } from './iconv-lite.js';

import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

/**
 * A charset provided by `iconv-lite` (ISO-8859-5, ISO-8859-8, Shift_JIS, EUC-KR...), made strict.
 *
 * @remarks
 * iconv-lite replaces what it cannot map with `?` and maps some characters lossily (Shift_JIS turns `¥`
 * into 0x5C, which reads back as `\`). This wrapper checks that the octets decode back to the text and
 * otherwise throws `UnencodableTextError` naming the first character that does not survive.
 */
export class IconvTextCodec implements TextCodec {
  readonly kind = 'text';
  readonly unit: CapacityUnit = 'octet';

  /**
   * @param verify - check at once that iconv-lite knows `encoding` (it throws here if not). The built-in
   * codecs below pass false: checking makes iconv-lite build the encoding's tables, ~4 MB of RSS at import
   * for Shift_JIS and EUC-KR, which a client that never sends them should not carry. @default true
   */
  constructor(
    readonly name: string,
    /** An encoding name iconv-lite knows, e.g. `'iso-8859-5'`. */
    private readonly encoding: string,
    verify = true,
  ) {
    if (verify && !iconvLite().encodingExists(encoding)) {
      throw new Error(`iconv-lite does not support the encoding "${encoding}" (codec "${name}").`);
    }
  }

  encode(text: string): Buffer {
    const bytes = iconvLite().encode(text, this.encoding);
    if (iconvLite().decode(bytes, this.encoding) === text) return bytes;
    const bad = this.firstUnencodable(text);
    if (bad) throw new UnencodableTextError(this.name, bad.char, bad.index);
    return bytes;
  }

  decode(bytes: Buffer): string {
    return iconvLite().decode(bytes, this.encoding, { stripBOM: false });
  }

  canEncode(text: string): boolean {
    return iconvLite().decode(iconvLite().encode(text, this.encoding), this.encoding) === text;
  }

  measure(text: string): number {
    return this.encode(text).length;
  }

  private firstUnencodable(text: string): { char: string; index: number } | undefined {
    let index = 0;
    for (const char of text) {
      if (iconvLite().decode(iconvLite().encode(char, this.encoding), this.encoding) !== char)
        return { char, index };
      index += char.length;
    }
    return undefined;
  }
}

/** ISO-8859-5, Latin/Cyrillic (data_coding 0x06). */
export const cyrillicCodec = new IconvTextCodec('ISO-8859-5 (Cyrillic)', 'iso-8859-5', false);

/** ISO-8859-8, Latin/Hebrew (data_coding 0x07). */
export const hebrewCodec = new IconvTextCodec('ISO-8859-8 (Latin/Hebrew)', 'iso-8859-8', false);

/**
 * JIS X 0208 (data_coding 0x05), sent as Shift_JIS: SMPP 3.4 names the character set, not its byte form,
 * and Shift_JIS is what Japanese SMSCs and the Python naz (`shift_jis`) use.
 */
export const shiftJisCodec = new IconvTextCodec('JIS X 0208 (Shift_JIS)', 'shift_jis', false);

/**
 * KS C 5601 (data_coding 0x0E), sent as EUC-KR. iconv-lite implements EUC-KR as its superset CP949, so
 * a few CP949-only Hangul syllables are accepted too.
 */
export const ksc5601Codec = new IconvTextCodec('KS C 5601 (EUC-KR)', 'euc-kr', false);
