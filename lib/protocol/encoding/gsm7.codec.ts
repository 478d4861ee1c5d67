import { GSM7_BASIC, GSM7_ESCAPE, GSM7_EXTENSION_CHARS, GSM7_LOOKUP } from './gsm7-alphabet.js';
import { fillBitsAfterHeader, packSeptets, unpackSeptets } from './gsm7-packing.js';
import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

/**
 * GSM 03.38 default alphabet with its extension table (TS 23.038 §6.2.1), one septet per octet: the SMPP
 * norm for data_coding 0x00 and the built-in codec for it.
 *
 * @remarks
 * Extension characters (`\f ^ { } \ [ ~ ] | €`) are sent as ESC 0x1B + code and count two septets.
 * On decode, ESC followed by a code the extension table lacks shows the basic-table character
 * (TS 23.038 §6.2.1.1); octets above 0x7F become U+FFFD.
 */
export class Gsm7Codec implements TextCodec {
  readonly name: string = 'GSM 03.38';
  readonly kind = 'text';
  readonly unit: CapacityUnit = 'septet';

  encode(text: string): Buffer {
    return this.toSeptets(text);
  }

  decode(bytes: Buffer): string {
    return septetsToText(bytes);
  }

  canEncode(text: string): boolean {
    return firstUnencodable(text) < 0;
  }

  measure(text: string): number {
    let septets = 0;
    for (let i = 0; i < text.length; i++) {
      const code = lookup(text.charCodeAt(i));
      if (code === 0) throw this.unencodable(text, i);
      septets += code > 0xff ? 2 : 1;
    }
    return septets;
  }

  /**
   * How many septets `text` takes (extension characters count two), or -1 when a character is not in the
   * alphabet: {@link Gsm7Codec.canEncode} and {@link Gsm7Codec.measure} in one pass, for the send path.
   */
  countSeptets(text: string): number {
    let septets = 0;
    for (let i = 0; i < text.length; i++) {
      const code = lookup(text.charCodeAt(i));
      if (code === 0) return -1;
      septets += code > 0xff ? 2 : 1;
    }
    return septets;
  }

  /**
   * The septets of `text` in one pass when every character is in the basic table (one septet each, so as many
   * octets as characters); undefined as soon as one is not (an extension character, or one the alphabet
   * lacks), and the caller takes {@link Gsm7Codec.countSeptets} and {@link Gsm7Codec.toSeptets}. For the send
   * path: most texts are basic, and one pass instead of two is ~30 ns per message.
   */
  basicSeptets(text: string): Buffer | undefined {
    const out = Buffer.allocUnsafe(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = lookup(text.charCodeAt(i));
      if (code === 0 || code > 0xff) return undefined;
      out[i] = code & 0x7f;
    }
    return out;
  }

  /**
   * The septets of `text`, one per octet (ESC + code for extension characters); throws `UnencodableTextError`.
   *
   * @param septets - `text`'s septet count when the caller has it ({@link Gsm7Codec.countSeptets}).
   */
  toSeptets(text: string, septets = this.measure(text)): Buffer {
    // Measure first, then fill a buffer of the exact size: one Buffer object per message instead of a
    // double-size one plus a subarray view (this runs once per message on the send path).
    const out = Buffer.allocUnsafe(septets);
    let length = 0;
    for (let i = 0; i < text.length; i++) {
      const code = lookup(text.charCodeAt(i));
      if (code > 0xff) out[length++] = GSM7_ESCAPE;
      out[length++] = code & 0x7f;
    }
    return out;
  }

  private unencodable(text: string, index: number): UnencodableTextError {
    return new UnencodableTextError(this.name, String.fromCodePoint(text.codePointAt(index)!), index);
  }
}

function lookup(unit: number): number {
  return unit < GSM7_LOOKUP.length ? GSM7_LOOKUP[unit]! : 0;
}

function firstUnencodable(text: string): number {
  for (let i = 0; i < text.length; i++) if (lookup(text.charCodeAt(i)) === 0) return i;
  return -1;
}

/**
 * GSM 03.38 packed: 8 characters in 7 octets (TS 23.038 §6.1.2.1.1). Register it for data_coding 0x00
 * when your SMSC expects packed text.
 *
 * @remarks
 * After a user data header, fill bits align the first septet on a septet boundary (TS 23.040 §9.2.3.24):
 * use `encodeAfterHeader` / `decodeAfterHeader`, as the splitter and `decodeReassembled` do. Since SMPP
 * counts octets, not septets, 7 trailing spare bits are padded with CR and a trailing CR there is dropped on
 * decode (TS 23.038 §6.1.2.3.1).
 */
export class Gsm7PackedCodec extends Gsm7Codec {
  override readonly name: string = 'GSM 03.38 (packed)';

  override encode(text: string): Buffer {
    return packSeptets(this.toSeptets(text));
  }

  override decode(bytes: Buffer): string {
    return septetsToText(unpackSeptets(bytes));
  }

  encodeAfterHeader(text: string, headerLength: number): Buffer {
    return packSeptets(this.toSeptets(text), fillBitsAfterHeader(headerLength));
  }

  decodeAfterHeader(bytes: Buffer, headerLength: number): string {
    return septetsToText(unpackSeptets(bytes, fillBitsAfterHeader(headerLength)));
  }
}

/**
 * Decodes GSM 03.38 septets (one per array element) to text.
 *
 * @remarks
 * A dangling ESC at the end carries no character; ESC ESC shows a space (TS 23.038 §6.2.1.1).
 */
export function septetsToText(septets: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const code = septets[i]!;
    if (code > 0x7f) {
      text += '\ufffd';
    } else if (code === GSM7_ESCAPE) {
      i++;
      if (i >= septets.length) break; // a dangling ESC carries no character
      const next = septets[i]!;
      // TS 23.038 §6.2.1.1: an unknown extension code shows the basic-table character; ESC ESC shows a space.
      text += GSM7_EXTENSION_CHARS.get(next) ?? (next === GSM7_ESCAPE ? ' ' : (GSM7_BASIC[next] ?? '\ufffd'));
    } else {
      text += GSM7_BASIC[code]!;
    }
  }
  return text;
}

/** GSM 03.38, one septet per octet: the built-in codec for data_coding 0x00. */
export const gsm7Codec = new Gsm7Codec();

/** GSM 03.38 packed 8 characters into 7 octets; register it for 0x00 if your SMSC expects packed text. */
export const gsm7PackedCodec = new Gsm7PackedCodec();
