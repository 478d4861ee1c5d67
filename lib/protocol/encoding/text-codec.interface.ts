/**
 * What capacity is counted in (see the long-message splitter):
 * - `'septet'`: GSM 7-bit characters, 160 per message, 153 after an 8-bit-reference UDH;
 * - `'octet'`: 8-bit octets, 140 / 134;
 * - `'ucs2'`: UTF-16 code units, 70 / 67 (an emoji is two).
 */
export type CapacityUnit = 'septet' | 'octet' | 'ucs2';

/**
 * Converts text to and from the octets of one data_coding.
 *
 * @remarks
 * Implement this to add or override a charset (`TextCodecRegistry.register`). Contract:
 * - `encode` never substitutes: a character the charset cannot represent throws `UnencodableTextError`.
 * - `decode` never throws: malformed input becomes U+FFFD, because inbound traffic must not kill a session.
 * - `measure` counts capacity units in `unit`, for text encoded on its own (stateful charsets such as
 *   ISO-2022-JP include their escape sequences). The splitter relies on it being non-decreasing as text grows.
 */
export interface TextCodec {
  /** Human-readable charset name, used in errors (e.g. `'GSM 03.38'`). */
  readonly name: string;
  /**
   * `'text'` for charsets. `'binary'` for octet data: `encode` takes and `decode` returns a "binary string"
   * (one char U+0000-U+00FF per octet, lossless), and `TextCodecRegistry.decode` reports no `text`.
   */
  readonly kind: 'text' | 'binary';
  /** The unit `measure` counts in, which selects the per-message capacity. */
  readonly unit: CapacityUnit;
  /** Encodes `text`; throws `UnencodableTextError` on the first character the charset lacks. */
  encode(text: string): Buffer;
  /** Decodes octets; malformed sequences become U+FFFD. */
  decode(bytes: Buffer): string;
  /** Whether `encode(text)` would succeed. */
  canEncode(text: string): boolean;
  /** Capacity units `text` occupies once encoded (septets, octets or UTF-16 code units, per `unit`). */
  measure(text: string): number;
  /**
   * Encodes `text` to follow a user data header of `headerLength` octets (UDHL included).
   * Only packed GSM 7-bit needs this: it inserts fill bits so the first septet starts on a septet
   * boundary (TS 23.040 §9.2.3.24). Codecs without it are simply concatenated after the header.
   */
  encodeAfterHeader?(text: string, headerLength: number): Buffer;
  /** The inverse of `encodeAfterHeader`: decodes the octets that followed a `headerLength`-octet UDH. */
  decodeAfterHeader?(bytes: Buffer, headerLength: number): string;
}
