/**
 * SMPP 3.4 data_coding values (§5.2.19, p.126), by name.
 *
 * @remarks
 * "There is no default setting for the data_coding parameter": 0x00 means whatever the SMSC's default
 * alphabet is, which in GSM networks is GSM 03.38. 0xC0-0xDF (MWI control) and 0xF0-0xFF (message class
 * control) follow the GSM 03.38 data coding scheme; see {@link baseDataCoding}.
 */
export const DataCoding = {
  SMSC_DEFAULT: 0x00,
  IA5: 0x01,
  OCTET_UNSPECIFIED: 0x02,
  LATIN1: 0x03,
  OCTET_UNSPECIFIED_2: 0x04,
  JIS: 0x05,
  CYRILLIC: 0x06,
  LATIN_HEBREW: 0x07,
  UCS2: 0x08,
  PICTOGRAM: 0x09,
  ISO_2022_JP: 0x0a,
  EXTENDED_KANJI_JIS: 0x0d,
  KS_C_5601: 0x0e,
} as const;

/** A named data_coding, e.g. `'UCS2'`. */
export type DataCodingName = keyof typeof DataCoding;

/** One of the named data_coding values of SMPP 3.4 §5.2.19. */
export type DataCodingValue = (typeof DataCoding)[DataCodingName];

const NAMES = new Map<number, DataCodingName>(
  (Object.entries(DataCoding) as [DataCodingName, number][]).map(([name, value]) => [value, name]),
);

/**
 * A readable name for any data_coding octet, for errors and logs.
 *
 * @example
 * dataCodingName(0x08); // 'UCS2 (0x08)'
 * dataCodingName(0xf1); // 'GSM_MESSAGE_CLASS (0xF1)'
 * dataCodingName(0x0b); // 'RESERVED (0x0B)'
 */
export function dataCodingName(dataCoding: number): string {
  const hex = `0x${dataCoding.toString(16).toUpperCase().padStart(2, '0')}`;
  const name =
    NAMES.get(dataCoding) ??
    (dataCoding >= 0xc0 && dataCoding <= 0xdf
      ? 'GSM_MWI'
      : dataCoding >= 0xe0 && dataCoding <= 0xef
        ? 'GSM_MWI_UCS2'
        : dataCoding >= 0xf0 && dataCoding <= 0xff
          ? 'GSM_MESSAGE_CLASS'
          : 'RESERVED');
  return `${name} (${hex})`;
}
