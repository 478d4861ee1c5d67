import { asciiError } from './encode-errors.js';

/**
 * Writes a C-Octet String already measured (or `undefined`, the NULL string) and its NUL; rejects a
 * non-ASCII or NUL character here, so each string is scanned once. Returns the offset after the NUL.
 *
 * @throws {@link PduEncodeError} naming `command` and `field` (the octets written so far are garbage then).
 */
export function writeCString(
  buf: Buffer,
  offset: number,
  command: string,
  field: string,
  value: unknown,
): number {
  if (value !== undefined) {
    const s = value as string;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0 || c > 0x7f) throw asciiError(command, field, s, i);
      buf[offset++] = c;
    }
  }
  buf[offset] = 0;
  return offset + 1;
}
