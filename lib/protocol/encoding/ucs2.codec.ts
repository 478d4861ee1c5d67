import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

/**
 * UCS-2 (data_coding 0x08) as UTF-16 big-endian, so characters outside the BMP (emoji) travel as
 * surrogate pairs, as handsets expect.
 *
 * @remarks
 * Capacity is counted in UTF-16 code units: 70 per message, an emoji takes two. A lone surrogate is not a
 * character and is refused. On decode, an odd trailing octet becomes U+FFFD.
 */
export class Ucs2Codec implements TextCodec {
  readonly name = 'UCS2 (UTF-16BE)';
  readonly kind = 'text';
  readonly unit: CapacityUnit = 'ucs2';

  encode(text: string): Buffer {
    this.assertWellFormed(text);
    return Buffer.from(text, 'utf16le').swap16();
  }

  decode(bytes: Buffer): string {
    const even = bytes.length & ~1;
    const text = Buffer.from(bytes.subarray(0, even)).swap16().toString('utf16le');
    return even === bytes.length ? text : text + '\ufffd';
  }

  canEncode(text: string): boolean {
    return loneSurrogateIndex(text) < 0;
  }

  measure(text: string): number {
    this.assertWellFormed(text);
    return text.length;
  }

  private assertWellFormed(text: string): void {
    const index = loneSurrogateIndex(text);
    if (index >= 0) throw new UnencodableTextError(this.name, text[index]!, index);
  }
}

function loneSurrogateIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return -1;
}

/** The built-in codec for data_coding 0x08. */
export const ucs2Codec = new Ucs2Codec();
