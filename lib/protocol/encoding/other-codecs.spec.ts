import { describe, it, expect } from '@jest/globals';

import { binaryCodec } from './binary.codec.js';
import { cyrillicCodec, hebrewCodec, IconvTextCodec, ksc5601Codec, shiftJisCodec } from './iconv.codec.js';
import { iso2022JpCodec } from './iso-2022-jp.codec.js';
import { ia5Codec, latin1Codec } from './single-byte.codec.js';
import { ucs2Codec } from './ucs2.codec.js';
import { UnencodableTextError } from './unencodable-text.error.js';

const hex = (b: Buffer) => b.toString('hex');

describe('UCS2 (data_coding 0x08) as UTF-16BE', () => {
  it('encodes big-endian', () => {
    expect(hex(ucs2Codec.encode('Aé'))).toBe('004100e9');
  });

  it('keeps an emoji as a surrogate pair and counts it as two code units', () => {
    expect(hex(ucs2Codec.encode('😀'))).toBe('d83dde00');
    expect(ucs2Codec.measure('a😀')).toBe(3);
    expect(ucs2Codec.decode(Buffer.from('d83dde00', 'hex'))).toBe('😀');
  });

  it('refuses a lone surrogate', () => {
    expect(ucs2Codec.canEncode('a\ud83d')).toBe(false);
    expect(() => ucs2Codec.encode('a\ud83db')).toThrow(expect.objectContaining({ index: 1 }));
    expect(() => ucs2Codec.encode('\ude00')).toThrow(UnencodableTextError);
  });

  it('decodes an odd trailing octet as U+FFFD', () => {
    expect(ucs2Codec.decode(Buffer.from('004100', 'hex'))).toBe('A\ufffd');
  });
});

describe('Latin-1 (0x03) and IA5 (0x01)', () => {
  it('encodes Latin-1 one octet per character', () => {
    expect(hex(latin1Codec.encode('café ÿ'))).toBe('636166e920ff');
    expect(latin1Codec.decode(Buffer.from('e9', 'hex'))).toBe('é');
  });

  it('refuses characters above U+00FF in Latin-1', () => {
    expect(() => latin1Codec.encode('ok €')).toThrow(expect.objectContaining({ character: '€', index: 3 }));
  });

  it('refuses characters above U+007F in IA5 and decodes such octets as U+FFFD', () => {
    expect(ia5Codec.encode('abc~').toString('latin1')).toBe('abc~');
    expect(() => ia5Codec.encode('é')).toThrow(UnencodableTextError);
    expect(ia5Codec.decode(Buffer.from([0x41, 0xe9]))).toBe('A\ufffd');
  });
});

describe('binary (0x02 / 0x04)', () => {
  it('round-trips every octet through a binary string', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(binaryCodec.encode(binaryCodec.decode(all))).toEqual(all);
    expect(binaryCodec.kind).toBe('binary');
  });
});

describe('iconv-lite charsets, strict', () => {
  it('ISO-8859-5 (0x06) encodes Cyrillic', () => {
    expect(hex(cyrillicCodec.encode('Привет'))).toBe('bfe0d8d2d5e2');
    expect(cyrillicCodec.decode(Buffer.from('bfe0d8d2d5e2', 'hex'))).toBe('Привет');
  });

  it('ISO-8859-8 (0x07) encodes Hebrew', () => {
    expect(hex(hebrewCodec.encode('שלום'))).toBe('f9ece5ed');
  });

  it('JIS (0x05) is sent as Shift_JIS', () => {
    expect(hex(shiftJisCodec.encode('日本'))).toBe('93fa967b');
    expect(shiftJisCodec.decode(Buffer.from('93fa967b', 'hex'))).toBe('日本');
  });

  it('KS C 5601 (0x0E) is sent as EUC-KR', () => {
    expect(hex(ksc5601Codec.encode('한국'))).toBe('c7d1b1b9');
  });

  it('refuses what iconv-lite would replace by "?", naming the character', () => {
    expect(() => cyrillicCodec.encode('Привет 日本')).toThrow(
      expect.objectContaining({ character: '日', index: 7 }),
    );
    expect(() => shiftJisCodec.encode('ok😀')).toThrow(
      expect.objectContaining({ character: '😀', index: 2 }),
    );
  });

  it('refuses lossy mappings too (Shift_JIS would turn "¥" into 0x5C, read back as "\\")', () => {
    expect(shiftJisCodec.canEncode('¥')).toBe(false);
    expect(() => shiftJisCodec.encode('¥')).toThrow(UnencodableTextError);
  });

  it('accepts a real "?"', () => {
    expect(cyrillicCodec.encode('Да?').toString('latin1').endsWith('?')).toBe(true);
  });

  it('rejects an encoding iconv-lite does not know', () => {
    expect(() => new IconvTextCodec('nope', 'no-such-charset')).toThrow(/does not support/);
  });
});

describe('ISO-2022-JP (0x0A)', () => {
  it('switches to JIS X 0208 for kanji/kana and back to ASCII', () => {
    // あ is JIS X 0208 0x2422.
    expect(hex(iso2022JpCodec.encode('aあb'))).toBe('61' + '1b2442' + '2422' + '1b2842' + '62');
    expect(iso2022JpCodec.decode(Buffer.from('611b244224221b284262', 'hex'))).toBe('aあb');
  });

  it('ends in ASCII even when the text ends in kanji', () => {
    const bytes = iso2022JpCodec.encode('日本');
    expect(hex(bytes.subarray(-3))).toBe('1b2842');
    expect(iso2022JpCodec.decode(bytes)).toBe('日本');
    expect(iso2022JpCodec.measure('日本')).toBe(3 + 4 + 3);
  });

  it('refuses half-width katakana, which ISO-2022-JP lacks', () => {
    expect(() => iso2022JpCodec.encode('ｱ')).toThrow(UnencodableTextError);
  });

  it('decodes JIS X 0201 Roman (ESC ( J)', () => {
    expect(iso2022JpCodec.decode(Buffer.from('1b284a5c1b2842', 'hex'))).toBe('¥');
  });
});
