import { describe, it, expect } from '@jest/globals';

import { gsm7PackedCodec } from '../encoding/gsm7.codec.js';
import { TextCodecRegistry } from '../encoding/text-codec.registry.js';
import { UnencodableTextError } from '../encoding/unencodable-text.error.js';
import { UnknownDataCodingError } from '../encoding/unknown-data-coding.error.js';
import { InvalidSplitOptionsError } from './invalid-split-options.error.js';
import type { MessagePart, SarTlvs } from './message-part.interface.js';
import { PayloadTooLargeError } from './payload-too-large.error.js';
import { splitBinary, splitMessage } from './split-message.js';
import { TooManyPartsError } from './too-many-parts.error.js';

const body = (part: MessagePart) => part.short_message.subarray(part.short_message[0]! + 1);
const udh = (part: MessagePart) => [...part.short_message.subarray(0, part.short_message[0]! + 1)];

describe('splitMessage: GSM 7-bit (data_coding 0x00, unpacked)', () => {
  it('sends 160 characters as one message without a UDH', () => {
    const [part, ...rest] = splitMessage('a'.repeat(160), { reference: 1 });
    expect(rest).toHaveLength(0);
    expect(part).toEqual({ short_message: Buffer.from('a'.repeat(160)), esm_class: 0, data_coding: 0 });
  });

  it('splits 161 characters into 153 + 8 with an 8-bit-reference UDH and UDHI', () => {
    const parts = splitMessage('a'.repeat(161), { reference: 7 });
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.esm_class)).toEqual([0x40, 0x40]);
    expect(udh(parts[0]!)).toEqual([0x05, 0x00, 0x03, 7, 2, 1]);
    expect(udh(parts[1]!)).toEqual([0x05, 0x00, 0x03, 7, 2, 2]);
    expect(parts.map((p) => body(p).length)).toEqual([153, 8]);
  });

  it('fits 306 characters in 2 parts and needs 3 for 307', () => {
    expect(splitMessage('a'.repeat(306), { reference: 1 })).toHaveLength(2);
    expect(splitMessage('a'.repeat(307), { reference: 1 })).toHaveLength(3);
  });

  it('counts extension characters as two septets when deciding on one message', () => {
    expect(splitMessage('€'.repeat(80), { reference: 1 })).toHaveLength(1);
    expect(splitMessage('€'.repeat(80) + 'a', { reference: 1 })).toHaveLength(2);
  });

  it('keeps a GSM escape pair in one part when it falls on the boundary', () => {
    const parts = splitMessage('a'.repeat(152) + '€' + 'b'.repeat(10), { reference: 1 });
    const first = body(parts[0]!);
    expect(first).toHaveLength(152);
    expect(first[first.length - 1]).not.toBe(0x1b);
    expect([...body(parts[1]!).subarray(0, 2)]).toEqual([0x1b, 0x65]);
  });

  it('refuses text outside the alphabet when 0x00 is forced, naming the data_coding', () => {
    expect(() => splitMessage('привет', { reference: 1, dataCoding: 0 })).toThrow(
      expect.objectContaining({ name: 'UnencodableTextError', dataCoding: 0, character: 'п', index: 0 }),
    );
    expect(() => splitMessage('привет', { reference: 1, dataCoding: 0 })).toThrow(UnencodableTextError);
  });

  it('keeps the caller esm_class bits and adds UDHI', () => {
    const parts = splitMessage('a'.repeat(200), { reference: 1, esmClass: 0x03 });
    expect(parts.map((p) => p.esm_class)).toEqual([0x43, 0x43]);
    expect(splitMessage('short', { reference: 1, esmClass: 0x03 })[0]!.esm_class).toBe(0x03);
  });

  it('takes an 8-bit reference modulo 256', () => {
    expect(udh(splitMessage('a'.repeat(200), { reference: 258 })[0]!)[3]).toBe(2);
  });
});

describe('splitMessage: UCS2 (chosen automatically for non-GSM text)', () => {
  it('sends 70 code units as one message and splits 71 into 67 + 4', () => {
    expect(splitMessage('я'.repeat(70), { reference: 1 })).toEqual([
      expect.objectContaining({ data_coding: 8, esm_class: 0 }),
    ]);
    const parts = splitMessage('я'.repeat(71), { reference: 1 });
    expect(parts.map((p) => body(p).length)).toEqual([134, 8]);
    expect(parts.every((p) => p.data_coding === 8)).toBe(true);
  });

  it('never splits a surrogate pair: no 142-octet part (gosmpp #167)', () => {
    const parts = splitMessage('a'.repeat(66) + '😀' + 'b'.repeat(10), { reference: 1 });
    expect(parts.map((p) => p.short_message.length)).toEqual([6 + 132, 6 + 24]);
    expect(body(parts[1]!).subarray(0, 4).toString('hex')).toBe('d83dde00');
    for (const part of parts) expect(part.short_message.length).toBeLessThanOrEqual(140);
  });

  it('counts an emoji as two units when deciding on one message', () => {
    expect(splitMessage('😀'.repeat(35), { reference: 1 })).toHaveLength(1);
    expect(splitMessage('😀'.repeat(35) + 'x', { reference: 1 })).toHaveLength(2);
  });
});

describe('splitMessage: methods', () => {
  it("'udh16' uses a 7-octet UDH with a 16-bit reference and 152 septets per part", () => {
    const parts = splitMessage('a'.repeat(161), { reference: 0x1234, method: 'udh16' });
    expect(udh(parts[0]!)).toEqual([0x06, 0x08, 0x04, 0x12, 0x34, 2, 1]);
    expect(parts.map((p) => body(p).length)).toEqual([152, 9]);
  });

  it("'udh16' gives UCS2 66 code units per part", () => {
    const parts = splitMessage('я'.repeat(71), { reference: 1, method: 'udh16' });
    expect(parts.map((p) => body(p).length)).toEqual([132, 10]);
  });

  it("'sar' puts the full 160 septets in each part and the link in TLVs, without UDHI", () => {
    const parts = splitMessage('a'.repeat(321), { reference: 0x1_0005, method: 'sar', esmClass: 0x40 });
    expect(parts.map((p) => p.short_message.length)).toEqual([160, 160, 1]);
    expect(parts.map((p) => p.esm_class)).toEqual([0, 0, 0]);
    expect(parts.map((p) => p.tlvs)).toEqual(
      [1, 2, 3].map((seq) => ({
        sar_msg_ref_num: 5,
        sar_total_segments: 3,
        sar_segment_seqnum: seq,
      })),
    );
  });

  it("'payload' carries a long message whole in message_payload with an empty short_message", () => {
    const text = 'a'.repeat(1000);
    const parts = splitMessage(text, { reference: 1, method: 'payload' });
    expect(parts).toEqual([
      {
        short_message: Buffer.alloc(0),
        esm_class: 0,
        data_coding: 0,
        tlvs: { message_payload: Buffer.from(text) },
      },
    ]);
  });

  it("'payload' still sends a short message in short_message", () => {
    expect(splitMessage('hi', { reference: 1, method: 'payload' })[0]!.tlvs).toBeUndefined();
  });

  it("'payload' refuses more than 65535 octets", () => {
    expect(() => splitMessage('я'.repeat(40_000), { reference: 1, method: 'payload' })).toThrow(
      PayloadTooLargeError,
    );
  });
});

describe('splitMessage: limits and options', () => {
  it('refuses more parts than maxParts, naming the count', () => {
    expect(() => splitMessage('a'.repeat(153 * 3 + 1), { reference: 1, maxParts: 3 })).toThrow(
      expect.objectContaining({ name: 'TooManyPartsError', parts: 4, maxParts: 3 }),
    );
  });

  it('allows 255 parts by default and no more', () => {
    expect(splitMessage('a'.repeat(153 * 255), { reference: 1 })).toHaveLength(255);
    expect(() => splitMessage('a'.repeat(153 * 255 + 1), { reference: 1 })).toThrow(TooManyPartsError);
  });

  it.each([
    [{ reference: -1 }, 'reference'],
    [{ reference: 1.5 }, 'reference'],
    [{ reference: 1, maxParts: 0 }, 'maxParts'],
    [{ reference: 1, maxParts: 256 }, 'maxParts'],
    [{ reference: 1, method: 'chunks' as never }, 'method'],
    [{ reference: 1, packed: true, dataCoding: 8 }, 'packed'],
  ])('rejects %j, naming %s', (options, option) => {
    expect(() => splitMessage('x', options)).toThrow(expect.objectContaining({ option }));
    expect(() => splitMessage('x', options)).toThrow(InvalidSplitOptionsError);
  });

  it('uses an explicit data_coding: Latin-1 gives 140 / 134 octets', () => {
    expect(splitMessage('é'.repeat(140), { reference: 1, dataCoding: 3 })).toHaveLength(1);
    const parts = splitMessage('é'.repeat(141), { reference: 1, dataCoding: 3 });
    expect(parts.map((p) => body(p).length)).toEqual([134, 7]);
  });

  it('uses the given registry', () => {
    const registry = new TextCodecRegistry({ builtIns: false });
    expect(() => splitMessage('x', { reference: 1, registry })).toThrow(UnknownDataCodingError);
  });

  it('splits multi-octet charsets between characters (Shift_JIS)', () => {
    const parts = splitMessage('日'.repeat(100), { reference: 1, dataCoding: 5 });
    expect(parts.map((p) => body(p).length)).toEqual([134, 66]);
  });

  it('accounts for ISO-2022-JP escape sequences in every part', () => {
    const parts = splitMessage('日'.repeat(100), { reference: 1, dataCoding: 0x0a });
    for (const part of parts) expect(part.short_message.length).toBeLessThanOrEqual(140);
    expect(parts).toHaveLength(2);
  });
});

describe('splitMessage: packed GSM 7-bit', () => {
  it('packs a single message', () => {
    expect(splitMessage('hello', { reference: 1, packed: true })[0]!.short_message.toString('hex')).toBe(
      'e8329bfd06',
    );
  });

  it('packs 153 septets plus a fill bit after a 6-octet UDH: exactly 140 octets', () => {
    const parts = splitMessage('a'.repeat(161), { reference: 1, packed: true });
    expect(parts[0]!.short_message).toHaveLength(140);
    expect(gsm7PackedCodec.decodeAfterHeader(body(parts[0]!), 6)).toBe('a'.repeat(153));
    expect(gsm7PackedCodec.decodeAfterHeader(body(parts[1]!), 6)).toBe('a'.repeat(8));
  });

  it('packs 152 septets without fill after a 7-octet UDH: exactly 140 octets', () => {
    const parts = splitMessage('a'.repeat(161), { reference: 1, packed: true, method: 'udh16' });
    expect(parts[0]!.short_message).toHaveLength(140);
    expect(gsm7PackedCodec.decodeAfterHeader(body(parts[0]!), 7)).toBe('a'.repeat(152));
  });

  it('places the first septet after the fill bit (TS 23.040 §9.2.3.24)', () => {
    const parts = splitMessage('hello' + 'a'.repeat(156), { reference: 1, packed: true });
    // "hello" packed after one fill bit is d0 65 36 fb 0d; the fifth octet also holds the next septet's bits.
    expect(body(parts[0]!).subarray(0, 4).toString('hex')).toBe('d06536fb');
  });
});

describe('splitBinary', () => {
  it('sends 140 octets as one message, data_coding 0x04 by default', () => {
    const bytes = Buffer.alloc(140, 0xab);
    expect(splitBinary(bytes, { reference: 1 })).toEqual([
      { short_message: bytes, esm_class: 0, data_coding: 4 },
    ]);
  });

  it('splits 141 octets into 134 + 7 with a UDH', () => {
    const parts = splitBinary(Buffer.alloc(141, 0xab), { reference: 9 });
    expect(parts.map((p) => body(p).length)).toEqual([134, 7]);
    expect(udh(parts[1]!)).toEqual([5, 0, 3, 9, 2, 2]);
    expect(parts[0]!.esm_class).toBe(0x40);
  });

  it('splits into 133-octet parts with udh16 and 140-octet parts with SAR', () => {
    expect(
      splitBinary(Buffer.alloc(300), { reference: 1, method: 'udh16' }).map((p) => body(p).length),
    ).toEqual([133, 133, 34]);
    const sar = splitBinary(Buffer.alloc(300), { reference: 1, method: 'sar', dataCoding: 2 });
    expect(sar.map((p) => p.short_message.length)).toEqual([140, 140, 20]);
    expect((sar[2]!.tlvs as SarTlvs).sar_segment_seqnum).toBe(3);
    expect(sar[0]!.data_coding).toBe(2);
  });

  it('puts long content in message_payload', () => {
    const bytes = Buffer.alloc(1000, 1);
    expect(splitBinary(bytes, { reference: 1, method: 'payload' })[0]!.tlvs).toEqual({
      message_payload: bytes,
    });
  });

  it('refuses more than maxParts', () => {
    expect(() => splitBinary(Buffer.alloc(135 * 2), { reference: 1, maxParts: 2 })).toThrow(
      TooManyPartsError,
    );
  });
});
