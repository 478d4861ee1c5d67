/**
 * The GSM 03.38 (TS 23.038 §6.2.1) default alphabet and its extension table, as lookup tables.
 *
 * @remarks
 * Index = septet value. `@` is 0x00 (which is why a short_message is never a C string), `$` is 0x02,
 * `¤` is 0x24, `§` is 0x5F. 0x1B is the escape to the extension table, so it has no character here.
 */
export const GSM7_BASIC: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
]; // prettier-ignore

/** The escape septet that announces an extension-table character (TS 23.038 §6.2.1.1). */
export const GSM7_ESCAPE = 0x1b;

/** Extension table (TS 23.038 §6.2.1.1): character → septet that follows ESC 0x1B. */
export const GSM7_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

/** Basic table: character → septet. ESC itself is not a character of the alphabet. */
export const GSM7_BASIC_CODES: ReadonlyMap<string, number> = new Map(
  GSM7_BASIC.map((char, code) => [char, code] as const).filter(([, code]) => code !== GSM7_ESCAPE),
);

/** Extension table reversed: septet after ESC → character. */
export const GSM7_EXTENSION_CHARS: ReadonlyMap<number, string> = new Map(
  [...GSM7_EXTENSION].map(([char, code]) => [code, char] as const),
);

/** One past the highest UTF-16 code unit in either table (€, U+20AC). */
const LOOKUP_SIZE = 0x20ad;

/**
 * UTF-16 code unit → GSM code, for the hot encode loop: 0 = not in the alphabet, 0x80 | septet = basic
 * table, 0x100 | code = extension table (sent after ESC).
 */
export const GSM7_LOOKUP: Uint16Array = (() => {
  const table = new Uint16Array(LOOKUP_SIZE);
  for (const [char, code] of GSM7_BASIC_CODES) table[char.charCodeAt(0)] = 0x80 | code;
  for (const [char, code] of GSM7_EXTENSION) table[char.charCodeAt(0)] = 0x100 | code;
  return table;
})();

/**
 * Septets one character occupies in GSM 03.38: 1 (basic table), 2 (ESC + extension), or 0 when the
 * alphabet lacks it.
 */
export function gsm7Septets(char: string): 0 | 1 | 2 {
  if (GSM7_BASIC_CODES.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return 0;
}
