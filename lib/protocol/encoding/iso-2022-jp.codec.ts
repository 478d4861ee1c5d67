import { iconvLite } from './iconv-lite.js';

import type { CapacityUnit, TextCodec } from './text-codec.interface.js';
import { UnencodableTextError } from './unencodable-text.error.js';

const ESC = 0x1b;
const TO_ASCII = [ESC, 0x28, 0x42]; // ESC ( B
const TO_JIS_X0208 = [ESC, 0x24, 0x42]; // ESC $ B

type Mode = 'ascii' | 'roman' | 'x0208' | 'x0212';

/**
 * ISO-2022-JP (RFC 1468; data_coding 0x0A): ASCII and JIS X 0208 switched by escape sequences.
 *
 * @remarks
 * iconv-lite has no ISO-2022-JP, so this codec maps JIS X 0208 through iconv-lite's EUC-JP (a JIS X 0208
 * code is its EUC-JP octets minus 0x80). Half-width katakana and JIS X 0212 are not part of ISO-2022-JP and
 * are refused on encode. Encoded text always ends back in ASCII. Decode also accepts `ESC ( J` (JIS X 0201
 * Roman), `ESC $ @` and `ESC $ ( D` (JIS X 0212, from ISO-2022-JP-1).
 */
export class Iso2022JpCodec implements TextCodec {
  readonly name = 'ISO-2022-JP';
  readonly kind = 'text';
  readonly unit: CapacityUnit = 'octet';

  encode(text: string): Buffer {
    const out: number[] = [];
    let wide = false;
    let index = 0;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (code < 0x80) {
        if (wide) out.push(...TO_ASCII);
        wide = false;
        out.push(code);
      } else {
        const euc = iconvLite().encode(char, 'euc-jp');
        const isX0208 = euc.length === 2 && euc[0]! >= 0xa1 && euc[1]! >= 0xa1;
        if (!isX0208 || iconvLite().decode(euc, 'euc-jp') !== char) {
          throw new UnencodableTextError(this.name, char, index);
        }
        if (!wide) out.push(...TO_JIS_X0208);
        wide = true;
        out.push(euc[0]! - 0x80, euc[1]! - 0x80);
      }
      index += char.length;
    }
    if (wide) out.push(...TO_ASCII);
    return Buffer.from(out);
  }

  decode(bytes: Buffer): string {
    let mode: Mode = 'ascii';
    let text = '';
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === ESC) {
        const next = escapeMode(bytes, i);
        if (next) {
          mode = next.mode;
          i += next.length - 1;
          continue;
        }
        text += '\ufffd';
      } else if (byte >= 0x80) {
        text += '\ufffd';
      } else if (mode === 'ascii' || byte < 0x21 || byte === 0x7f) {
        text += String.fromCharCode(byte);
      } else if (mode === 'roman') {
        text += byte === 0x5c ? '¥' : byte === 0x7e ? '‾' : String.fromCharCode(byte);
      } else {
        const second = bytes[i + 1];
        if (second === undefined || second < 0x21 || second > 0x7e) {
          text += '\ufffd';
          continue;
        }
        const euc = [byte | 0x80, second | 0x80];
        text += iconvLite().decode(Buffer.from(mode === 'x0212' ? [0x8f, ...euc] : euc), 'euc-jp');
        i++;
      }
    }
    return text;
  }

  canEncode(text: string): boolean {
    try {
      this.encode(text);
      return true;
    } catch {
      return false;
    }
  }

  measure(text: string): number {
    return this.encode(text).length;
  }
}

function escapeMode(bytes: Buffer, at: number): { mode: Mode; length: number } | undefined {
  const a = bytes[at + 1];
  const b = bytes[at + 2];
  if (a === 0x28 && b === 0x42) return { mode: 'ascii', length: 3 };
  if (a === 0x28 && b === 0x4a) return { mode: 'roman', length: 3 };
  if (a === 0x24 && (b === 0x42 || b === 0x40)) return { mode: 'x0208', length: 3 };
  if (a === 0x24 && b === 0x28 && bytes[at + 3] === 0x44) return { mode: 'x0212', length: 4 };
  return undefined;
}

/** The built-in codec for data_coding 0x0A. */
export const iso2022JpCodec = new Iso2022JpCodec();
