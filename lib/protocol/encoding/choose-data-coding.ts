import { DataCoding } from './data-coding.constants.js';
import { gsm7Codec } from './gsm7.codec.js';

/**
 * Picks the data_coding for `text`: GSM 03.38 (0x00) when every character is in the default alphabet or
 * its extension table, otherwise UCS2 (0x08).
 *
 * @remarks
 * GSM 03.38 fits 160 characters in one message (extension characters count two), UCS2 only 70, so GSM is
 * preferred whenever it can carry the text. Pass an explicit data_coding to override.
 */
export function chooseDataCoding(text: string): typeof DataCoding.SMSC_DEFAULT | typeof DataCoding.UCS2 {
  return gsm7Codec.canEncode(text) ? DataCoding.SMSC_DEFAULT : DataCoding.UCS2;
}
