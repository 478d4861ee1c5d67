/**
 * Formatting 16 bytes as the 36 characters of a UUID (8-4-4-4-12 lower-case hex digits), into a byte buffer.
 * For {@link fastRandomUuid}, which formats 128 ids per refill.
 */

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

/**
 * Every byte's two hex digits as one 16-bit value in memory order on a little-endian machine: the high
 * nibble's digit in the low byte, so it comes first.
 */
const HEX_PAIRS = Int32Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! | (HEX[b & 0x0f]! << 8));

/** Whether the platform stores the low byte of a word first (x64, arm64 as Node runs them). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Writes the UUID of `bytes[from .. from + 16)` into `text` from `at`, one character at a time. Works on any
 * platform; {@link formatUuidWords} is the fast one.
 */
export function formatUuidBytes(bytes: Uint8Array, from: number, text: Uint8Array, at: number): void {
  let t = at;
  for (let b = 0; b < 16; b++) {
    if (b === 4 || b === 6 || b === 8 || b === 10) text[t++] = DASH;
    const byte = bytes[from + b]!;
    text[t++] = HEX[byte >> 4]!;
    text[t++] = HEX[byte & 0x0f]!;
  }
}

/**
 * {@link formatUuidBytes} as nine 32-bit words from word `at` of `words` (little-endian platforms only: a word's
 * first character is its low byte).
 *
 * @remarks
 * Why words: character by character, V8 checks the target's map and bounds and the loop's interrupt for each
 * of the 36 characters (about 1,100 instructions an id, 5% of the engine's whole cost of a message in
 * callgrind). Two digits per table load and four characters per store cost about a quarter of that.
 */
export function formatUuidWords(bytes: Uint8Array, from: number, words: Int32Array, at: number): void {
  const p = HEX_PAIRS;
  // Characters 0–7: bytes 0–3; 8 '-'; 9–12: bytes 4–5; 13 '-'; 14–17: bytes 6–7; 18 '-'; 19–22: bytes 8–9;
  // 23 '-'; 24–35: bytes 10–15. Word k holds characters 4k to 4k + 3, the first in its low byte.
  const p5 = p[bytes[from + 5]!]!;
  const p8 = p[bytes[from + 8]!]!;
  words[at] = p[bytes[from]!]! | (p[bytes[from + 1]!]! << 16);
  words[at + 1] = p[bytes[from + 2]!]! | (p[bytes[from + 3]!]! << 16);
  words[at + 2] = DASH | (p[bytes[from + 4]!]! << 8) | ((p5 & 0xff) << 24);
  words[at + 3] = (p5 >> 8) | (DASH << 8) | (p[bytes[from + 6]!]! << 16);
  words[at + 4] = p[bytes[from + 7]!]! | (DASH << 16) | ((p8 & 0xff) << 24);
  words[at + 5] = (p8 >> 8) | (p[bytes[from + 9]!]! << 8) | (DASH << 24);
  words[at + 6] = p[bytes[from + 10]!]! | (p[bytes[from + 11]!]! << 16);
  words[at + 7] = p[bytes[from + 12]!]! | (p[bytes[from + 13]!]! << 16);
  words[at + 8] = p[bytes[from + 14]!]! | (p[bytes[from + 15]!]! << 16);
}
