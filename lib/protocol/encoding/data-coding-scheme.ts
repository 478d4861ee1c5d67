import { DataCoding } from './data-coding.constants.js';

/**
 * The SMPP data_coding whose codec handles the text of `dataCoding`.
 *
 * @remarks
 * SMPP 3.4 §5.2.19 defines 0x00-0x0E itself and hands 0xC0-0xDF ("GSM MWI control") and 0xF0-0xFF ("GSM
 * message class control") to the GSM 03.38 data coding scheme (TS 23.038 §4), where:
 * - 1100xxxx (0xC0-0xCF, MWI discard) and 1101xxxx (0xD0-0xDF, MWI store) use the GSM 7-bit default
 *   alphabet, so they map to 0x00;
 * - 1110xxxx (0xE0-0xEF, MWI store, UCS2) is reserved in SMPP 3.4 but UCS2 in GSM 03.38: mapped to 0x08;
 * - 1111xxxx (0xF0-0xFF): bit 2 selects the alphabet, 0 = GSM 7-bit (→ 0x00), 1 = 8-bit data (→ 0x04);
 *   bits 1-0 are the message class (see {@link gsmMessageClass}).
 *
 * Every other value maps to itself.
 */
export function baseDataCoding(dataCoding: number): number {
  if (dataCoding >= 0xc0 && dataCoding <= 0xdf) return DataCoding.SMSC_DEFAULT;
  if (dataCoding >= 0xe0 && dataCoding <= 0xef) return DataCoding.UCS2;
  if (dataCoding >= 0xf0 && dataCoding <= 0xff) {
    return (dataCoding & 0x04) === 0 ? DataCoding.SMSC_DEFAULT : DataCoding.OCTET_UNSPECIFIED_2;
  }
  return dataCoding;
}

/**
 * The GSM message class (0 flash, 1 ME-specific, 2 SIM-specific, 3 TE-specific) carried by a
 * 0xF0-0xFF data_coding (TS 23.038 §4, coding group 1111), or `undefined` for any other value.
 */
export function gsmMessageClass(dataCoding: number): 0 | 1 | 2 | 3 | undefined {
  if (dataCoding < 0xf0 || dataCoding > 0xff) return undefined;
  return (dataCoding & 0x03) as 0 | 1 | 2 | 3;
}
