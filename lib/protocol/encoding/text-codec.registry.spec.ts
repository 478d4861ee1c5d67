import { describe, it, expect } from '@jest/globals';

import { chooseDataCoding } from './choose-data-coding.js';
import { DataCoding, dataCodingName } from './data-coding.constants.js';
import { baseDataCoding, gsmMessageClass } from './data-coding-scheme.js';
import { gsm7Codec, gsm7PackedCodec } from './gsm7.codec.js';
import type { TextCodec } from './text-codec.interface.js';
import { defaultTextCodecs, TextCodecRegistry } from './text-codec.registry.js';
import { UnencodableTextError } from './unencodable-text.error.js';
import { UnknownDataCodingError } from './unknown-data-coding.error.js';

describe('DataCoding constants (SMPP 3.4 §5.2.19)', () => {
  it('has the spec values', () => {
    expect(DataCoding).toEqual({
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
    });
  });

  it.each([
    [0x08, 'UCS2 (0x08)'],
    [0x00, 'SMSC_DEFAULT (0x00)'],
    [0xf1, 'GSM_MESSAGE_CLASS (0xF1)'],
    [0xc8, 'GSM_MWI (0xC8)'],
    [0x0b, 'RESERVED (0x0B)'],
  ])('names 0x%s as %s', (code, name) => {
    expect(dataCodingName(code)).toBe(name);
  });

  it('maps GSM data coding scheme groups to the alphabet they use (TS 23.038 §4)', () => {
    expect(baseDataCoding(0xf0)).toBe(0x00);
    expect(baseDataCoding(0xf3)).toBe(0x00);
    expect(baseDataCoding(0xf4)).toBe(0x04);
    expect(baseDataCoding(0xf7)).toBe(0x04);
    expect(baseDataCoding(0xc0)).toBe(0x00);
    expect(baseDataCoding(0xdf)).toBe(0x00);
    expect(baseDataCoding(0xe5)).toBe(0x08);
    expect(baseDataCoding(0x03)).toBe(0x03);
    expect(gsmMessageClass(0xf1)).toBe(1);
    expect(gsmMessageClass(0xf6)).toBe(2);
    expect(gsmMessageClass(0x08)).toBeUndefined();
  });
});

describe('TextCodecRegistry', () => {
  it('encodes GSM 03.38 unpacked for data_coding 0x00 by default', () => {
    expect([...defaultTextCodecs.encode('@§', 0x00)]).toEqual([0x00, 0x5f]);
  });

  it('lets a registered codec override a built-in, like naz custom_codecs', () => {
    const registry = new TextCodecRegistry().register(DataCoding.SMSC_DEFAULT, gsm7PackedCodec);
    expect(registry.encode('hello', 0x00).toString('hex')).toBe('e8329bfd06');
    // 0xF1 (GSM 7-bit, class 1) follows the 0x00 codec...
    expect(registry.encode('hello', 0xf1).toString('hex')).toBe('e8329bfd06');
    // ...unless it has its own.
    registry.register(0xf1, gsm7Codec);
    expect(registry.encode('hello', 0xf1).toString('latin1')).toBe('hello');
    // The shared default is untouched.
    expect(defaultTextCodecs.encode('hello', 0x00).toString('latin1')).toBe('hello');
  });

  it('accepts a user codec for a data_coding it does not know', () => {
    const rot13: TextCodec = {
      name: 'rot13',
      kind: 'text',
      unit: 'octet',
      encode: (t) =>
        Buffer.from(t.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97))),
      decode: (b) =>
        b.toString().replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97)),
      canEncode: () => true,
      measure: (t) => t.length,
    };
    const registry = new TextCodecRegistry().register(0x09, rot13);
    expect(registry.encode('abc', 0x09).toString()).toBe('nop');
    expect(registry.decode(Buffer.from('nop'), 0x09).text).toBe('abc');
  });

  it('names the data_coding in UnencodableTextError', () => {
    let error: unknown;
    try {
      defaultTextCodecs.encode('Привет', DataCoding.LATIN1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnencodableTextError);
    expect(error).toMatchObject({ dataCoding: 0x03, character: 'П', index: 0 });
    expect((error as Error).message).toContain('LATIN1 (0x03)');
  });

  it('refuses to encode for a data_coding without a codec', () => {
    expect(() => defaultTextCodecs.encode('x', 0x0b)).toThrow(UnknownDataCodingError);
    expect(() => defaultTextCodecs.encode('x', DataCoding.PICTOGRAM)).toThrow(/0x09/);
  });

  it('decodes an unknown data_coding to raw bytes plus the code, without garbage text', () => {
    const bytes = Buffer.from([0x01, 0xff, 0x00]);
    expect(defaultTextCodecs.decode(bytes, 0x0b)).toEqual({ bytes, dataCoding: 0x0b });
    expect(defaultTextCodecs.decode(bytes, DataCoding.EXTENDED_KANJI_JIS)).toEqual({
      bytes,
      dataCoding: 0x0d,
    });
  });

  it('decodes binary data_codings (0x02, 0x04, 0xF5) to bytes only', () => {
    const bytes = Buffer.from([0x0b, 0x05, 0x04]);
    for (const code of [0x02, 0x04, 0xf5]) {
      expect(defaultTextCodecs.decode(bytes, code)).toEqual({ bytes, dataCoding: code });
    }
  });

  it('decodes text data_codings to text and keeps the bytes', () => {
    expect(defaultTextCodecs.decode(Buffer.from('00410042', 'hex'), 0x08)).toMatchObject({
      text: 'AB',
      dataCoding: 8,
    });
    expect(defaultTextCodecs.decode(Buffer.from('0041', 'hex'), 0xe0).text).toBe('A');
  });

  it('skips the fill bits after a UDH when decoding packed GSM', () => {
    const registry = new TextCodecRegistry().register(0, gsm7PackedCodec);
    expect(registry.decode(Buffer.from('d06536fb0d', 'hex'), 0, 6).text).toBe('hello');
    expect(registry.decode(Buffer.from('e8329bfd06', 'hex'), 0).text).toBe('hello');
    expect(defaultTextCodecs.decode(Buffer.from('hello'), 0, 6).text).toBe('hello');
  });

  it('can start empty', () => {
    const registry = new TextCodecRegistry({ builtIns: false });
    expect(registry.get(0x00)).toBeUndefined();
    expect(registry.canEncode('a', 0x00)).toBe(false);
  });

  it('refuses a data_coding outside one octet', () => {
    expect(() => new TextCodecRegistry().register(256, gsm7Codec)).toThrow(RangeError);
  });
});

describe('chooseDataCoding', () => {
  it.each([
    ['hello', 0x00],
    ['', 0x00],
    ['Total: 5€ {ok} [1|2] ~^\\', 0x00],
    ['@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà', 0x00],
    ['привет', 0x08],
    ['ça va', 0x08],
    ['hi 😀', 0x08],
  ])('%j → 0x%s', (text, expected) => {
    expect(chooseDataCoding(text)).toBe(expected);
  });
});
