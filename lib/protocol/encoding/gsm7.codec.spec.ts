import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';

import { GSM7_BASIC, GSM7_EXTENSION } from './gsm7-alphabet.js';
import { fillBitsAfterHeader, packSeptets, unpackSeptets } from './gsm7-packing.js';
import { gsm7Codec, gsm7PackedCodec } from './gsm7.codec.js';
import { UnencodableTextError } from './unencodable-text.error.js';

const hex = (b: Buffer) => b.toString('hex');

describe('GSM 03.38 default alphabet, unpacked (data_coding 0x00)', () => {
  it('encodes every basic-table character to its own septet, one per octet, and back', () => {
    GSM7_BASIC.forEach((char, code) => {
      if (code === 0x1b) return; // ESC is not a character
      expect([...gsm7Codec.encode(char)]).toEqual([code]);
      expect(gsm7Codec.decode(Buffer.from([code]))).toBe(char);
    });
  });

  it.each([
    ['@', 0x00],
    ['£', 0x01],
    ['$', 0x02],
    ['¤', 0x24],
    ['§', 0x5f],
    ['¡', 0x40],
    ['¿', 0x60],
    ['à', 0x7f],
    ['Δ', 0x10],
    ['_', 0x11],
  ])('maps %s to 0x%s', (char, code) => {
    expect([...gsm7Codec.encode(char)]).toEqual([code]);
  });

  it.each([...GSM7_EXTENSION])(
    'sends extension character %j as ESC 0x1B + 0x%s, counting two septets',
    (char, code) => {
      expect([...gsm7Codec.encode(char)]).toEqual([0x1b, code]);
      expect(gsm7Codec.measure(char)).toBe(2);
      expect(gsm7Codec.decode(Buffer.from([0x1b, code]))).toBe(char);
    },
  );

  it('round-trips a sentence mixing both tables', () => {
    const text = 'Price: 5€ {net} [a|b] ~x^y\\z @home §1 ÄÖÑÜ';
    expect(gsm7Codec.decode(gsm7Codec.encode(text))).toBe(text);
    expect(gsm7Codec.measure(text)).toBe(text.length + 9); // nine extension characters
  });

  it('refuses a character outside the alphabet, naming it and its index (never a silent "?")', () => {
    expect(gsm7Codec.canEncode('naïve')).toBe(false);
    let error: unknown;
    try {
      gsm7Codec.encode('naïve');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnencodableTextError);
    expect(error).toMatchObject({ character: 'ï', index: 2, charset: 'GSM 03.38' });
    expect((error as Error).message).toContain('U+00EF');
  });

  it('reports an emoji as one character at its UTF-16 index', () => {
    expect(() => gsm7Codec.encode('ab😀')).toThrow(expect.objectContaining({ character: '😀', index: 2 }));
  });

  it('decodes ESC + an unknown code as the basic-table character (TS 23.038 §6.2.1.1)', () => {
    expect(gsm7Codec.decode(Buffer.from([0x1b, 0x41]))).toBe('A');
  });

  it('decodes octets above 0x7F as U+FFFD and ignores a dangling ESC, never throwing', () => {
    expect(gsm7Codec.decode(Buffer.from([0x41, 0x80, 0x1b]))).toBe('A\ufffd');
  });
});

describe('GSM 03.38 basic septets in one pass (the send path)', () => {
  const basic = GSM7_BASIC.filter((char) => char !== '\x1b');
  const texts = fc.array(fc.constantFrom(...basic, ...basic, '€', '{', 'я', '😀'), { maxLength: 40 });

  it('gives the septets of a text of basic characters, and nothing once one is not basic', () => {
    fc.assert(
      fc.property(texts, (chars) => {
        const text = chars.join('');
        const onePass = gsm7Codec.basicSeptets(text);
        if (chars.every((char) => basic.includes(char))) expect(onePass).toEqual(gsm7Codec.toSeptets(text));
        else expect(onePass).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('GSM 03.38 packed', () => {
  it('packs "hello" to E8 32 9B FD 06', () => {
    expect(hex(gsm7PackedCodec.encode('hello'))).toBe('e8329bfd06');
    expect(gsm7PackedCodec.decode(Buffer.from('e8329bfd06', 'hex'))).toBe('hello');
  });

  it('fits 8 characters in 7 octets', () => {
    expect(hex(gsm7PackedCodec.encode('12345678'))).toBe('31d98c56b3dd70');
    expect(gsm7PackedCodec.decode(Buffer.from('31d98c56b3dd70', 'hex'))).toBe('12345678');
  });

  it('pads 7 spare bits with CR, not "@", and drops that CR on decode (TS 23.038 §6.1.2.3.1)', () => {
    expect(hex(gsm7PackedCodec.encode('1234567'))).toBe('31d98c56b3dd1a');
    expect(gsm7PackedCodec.decode(Buffer.from('31d98c56b3dd1a', 'hex'))).toBe('1234567');
  });

  it('keeps a real trailing "@"', () => {
    expect(gsm7PackedCodec.decode(gsm7PackedCodec.encode('abc@'))).toBe('abc@');
    expect(gsm7PackedCodec.decode(gsm7PackedCodec.encode('abcdefg@'))).toBe('abcdefg@');
  });

  it('doubles a wanted final CR on an octet boundary, which displays the same', () => {
    expect(gsm7PackedCodec.decode(gsm7PackedCodec.encode('abcdefg\r'))).toBe('abcdefg\r\r');
  });

  it('shifts septets by one fill bit after a 6-octet UDH and none after a 7-octet one (TS 23.040 §9.2.3.24)', () => {
    expect(fillBitsAfterHeader(6)).toBe(1);
    expect(fillBitsAfterHeader(7)).toBe(0);
    expect(fillBitsAfterHeader(0)).toBe(0);
    expect(hex(gsm7PackedCodec.encodeAfterHeader('hello', 6))).toBe('d06536fb0d');
    expect(gsm7PackedCodec.decodeAfterHeader(Buffer.from('d06536fb0d', 'hex'), 6)).toBe('hello');
    expect(hex(gsm7PackedCodec.encodeAfterHeader('hello', 7))).toBe('e8329bfd06');
  });

  it('packs extension characters as two septets', () => {
    const text = '€[]';
    expect(gsm7PackedCodec.decode(gsm7PackedCodec.encode(text))).toBe(text);
    expect(gsm7PackedCodec.measure(text)).toBe(6);
  });

  it('unpacks exactly what it packs for every fill and length', () => {
    for (let fill = 0; fill < 7; fill++) {
      for (let n = 0; n < 20; n++) {
        const septets = Array.from({ length: n }, (_, i) => (i * 37 + fill) % 0x7f || 1);
        const back = [...unpackSeptets(packSeptets(septets, fill), fill)];
        expect(back.slice(0, n)).toEqual(septets);
      }
    }
  });
});
