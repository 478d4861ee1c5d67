import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

/**
 * A charset whose code points map one-to-one onto octets 0..`maxCode`: IA5/ASCII (0x7F) and
 * Latin-1 (0xFF).
 */
export class SingleByteCodec implements TextCodec {
  readonly kind = 'text';
  readonly unit: CapacityUnit = 'octet';

  constructor(
    readonly name: string,
    /** Highest code point (and octet) of the charset. */
    private readonly maxCode: 0x7f | 0xff,
  ) {}

  encode(text: string): Buffer {
    const index = this.firstUnencodable(text);
    if (index >= 0)
      throw new UnencodableTextError(this.name, String.fromCodePoint(text.codePointAt(index)!), index);
    return Buffer.from(text, 'latin1');
  }

  decode(bytes: Buffer): string {
    const text = bytes.toString('latin1');
    // Octets above an ASCII charset's range are malformed input, not Latin-1 letters.
    return this.maxCode === 0x7f ? text.replace(/[\u0080-\u00ff]/g, '\ufffd') : text;
  }

  canEncode(text: string): boolean {
    return this.firstUnencodable(text) < 0;
  }

  measure(text: string): number {
    const index = this.firstUnencodable(text);
    if (index >= 0)
      throw new UnencodableTextError(this.name, String.fromCodePoint(text.codePointAt(index)!), index);
    return text.length;
  }

  private firstUnencodable(text: string): number {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > this.maxCode) return i;
    }
    return -1;
  }
}

/** IA5 / ASCII (data_coding 0x01). */
export const ia5Codec = new SingleByteCodec('IA5 (ASCII)', 0x7f);

/** Latin-1 / ISO-8859-1 (data_coding 0x03). */
export const latin1Codec = new SingleByteCodec('Latin-1 (ISO-8859-1)', 0xff);
