import { ConcatIei } from './long-message.constants.js';

/**
 * The user data header announcing part `seq` of `total` (TS 23.040 §9.2.3.24.1 / .8), UDHL included:
 * `05 00 03 ref total seq` (8-bit reference) or `06 08 04 refHi refLo total seq` (16-bit).
 */
export function buildConcatUdh(width: 8 | 16, reference: number, total: number, seq: number): Buffer {
  return width === 8
    ? Buffer.from([0x05, ConcatIei.CONCAT_8BIT, 0x03, reference & 0xff, total, seq])
    : Buffer.from([
        0x06,
        ConcatIei.CONCAT_16BIT,
        0x04,
        (reference >> 8) & 0xff,
        reference & 0xff,
        total,
        seq,
      ]);
}
