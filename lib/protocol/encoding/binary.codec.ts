import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

/**
 * Octet data (data_coding 0x02 and 0x04, and GSM 8-bit 0xF4-0xF7): no charset at all.
 *
 * @remarks
 * Binary content is best handled as a Buffer (`splitBinary`, `TextCodecRegistry.decode(...).bytes`).
 * For callers that hold it as a string, this codec uses a "binary string": one char U+0000-U+00FF per
 * octet, which round-trips exactly. `TextCodecRegistry.decode` reports no `text` for binary codecs, so
 * nobody mistakes octets for words.
 */
export class BinaryCodec implements TextCodec {
  readonly name = 'binary (octet unspecified)';
  readonly kind = 'binary';
  readonly unit: CapacityUnit = 'octet';

  encode(text: string): Buffer {
    const index = firstAbove0xff(text);
    if (index >= 0)
      throw new UnencodableTextError(this.name, String.fromCodePoint(text.codePointAt(index)!), index);
    return Buffer.from(text, 'latin1');
  }

  decode(bytes: Buffer): string {
    return bytes.toString('latin1');
  }

  canEncode(text: string): boolean {
    return firstAbove0xff(text) < 0;
  }

  measure(text: string): number {
    return this.encode(text).length;
  }
}

function firstAbove0xff(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return i;
  }
  return -1;
}

/** The built-in codec for data_coding 0x02 and 0x04. */
export const binaryCodec = new BinaryCodec();
