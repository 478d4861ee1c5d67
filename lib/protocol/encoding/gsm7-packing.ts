/**
 * GSM 7-bit packing: septets laid end to end, least significant bit first (TS 23.038 §6.1.2.1.1).
 */

const CR = 0x0d;

/**
 * Fill bits needed after a user data header of `headerLength` octets (UDHL included) so that the first
 * septet starts on a septet boundary (TS 23.040 §9.2.3.24): 1 after the 6-octet 8-bit-reference UDH,
 * 0 after the 7-octet 16-bit one.
 */
export function fillBitsAfterHeader(headerLength: number): number {
  return (7 - ((headerLength * 8) % 7)) % 7;
}

/**
 * Packs septets into octets, starting `fillBits` bits into the first octet.
 *
 * @remarks
 * When the last octet would end with 7 spare bits, they are filled with CR (0x0D), not zeros, so the
 * receiver does not read an extra `@`; a message that really ends in CR on an octet boundary gets a second
 * CR (TS 23.038 §6.1.2.3.1). A receiver displays CR CR as CR.
 */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Buffer {
  let count = septets.length;
  const lastIsCr = count > 0 && septets[count - 1] === CR;
  const spare = (8 - ((fillBits + 7 * count) % 8)) % 8;
  // §6.1.2.3.1: pad 7 spare bits with CR; keep a wanted final CR that lands on an octet boundary distinct.
  const padWithCr = spare === 7 || (spare === 0 && lastIsCr);
  if (padWithCr) count++;
  const out = Buffer.alloc(Math.ceil((fillBits + 7 * count) / 8));
  let bit = fillBits;
  for (let i = 0; i < count; i++) {
    const septet = (i < septets.length ? septets[i]! : CR) & 0x7f;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] = out[byte]! | ((septet << shift) & 0xff);
    if (shift > 1) out[byte + 1] = septet >> (8 - shift);
    bit += 7;
  }
  return out;
}

/**
 * Unpacks octets into septets, skipping `fillBits` leading bits.
 *
 * @remarks
 * The septet count is not on the wire in SMPP (sm_length counts octets), so it is taken as every whole
 * septet the octets hold; a final CR that fills exactly 7 spare bits is padding (TS 23.038 §6.1.2.3.1) and is
 * dropped.
 */
export function unpackSeptets(bytes: Buffer, fillBits = 0): Uint8Array {
  const bits = bytes.length * 8 - fillBits;
  if (bits <= 0) return new Uint8Array(0);
  let count = Math.floor(bits / 7);
  const out = new Uint8Array(count);
  let bit = fillBits;
  for (let i = 0; i < count; i++) {
    const byte = bit >> 3;
    const shift = bit & 7;
    let value = bytes[byte]! >> shift;
    if (shift > 1) value |= bytes[byte + 1]! << (8 - shift);
    out[i] = value & 0x7f;
    bit += 7;
  }
  // Seven spare bits at the end were filled with CR: padding, not text.
  if (bits % 7 === 0 && count > 0 && out[count - 1] === CR) count--;
  return out.subarray(0, count);
}
