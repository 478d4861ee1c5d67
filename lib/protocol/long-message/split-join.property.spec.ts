import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';

import { gsm7PackedCodec } from '../encoding/gsm7.codec.js';
import { TextCodecRegistry } from '../encoding/text-codec.registry.js';
import { decodeReassembled } from './decode-reassembled.js';
import { extractConcatInfo } from './extract-concat-info.js';
import type { SplitMethod } from './long-message.constants.js';
import type { MessagePart } from './message-part.interface.js';
import { partFromPdu } from './part-from-pdu.js';
import type { ReassembledMessage } from './reassembler.interface.js';
import { Reassembler } from './reassembler.js';
import { splitMessage } from './split-message.js';

const gsmChars = [...'abcXYZ 019@£$§€{}[]~^|\\\fΔΩäöüÄ\n'];
const otherChars = ['я', 'é', 'ç', '中', '😀', '👍🏽', '🇫🇷', '\u{1F600}'];

/** Strings of GSM characters, with now and then something only UCS2 can carry. */
const texts = fc.oneof(
  fc.array(fc.constantFrom(...gsmChars), { maxLength: 700, size: 'max' }).map((a) => a.join('')),
  fc
    .array(fc.constantFrom(...gsmChars, ...otherChars), { maxLength: 400, size: 'max' })
    .map((a) => a.join('')),
);

/** Delivers the parts as an SMSC would (as deliver_sm fields), shuffled, and joins them. */
function receive(parts: MessagePart[], order: number[], registry?: TextCodecRegistry): string | undefined {
  const r = new Reassembler();
  if (parts.length === 1) {
    const data = extractConcatInfo(parts[0]!);
    expect(data.concat).toBeUndefined();
    const bytes =
      parts[0]!.tlvs && 'message_payload' in parts[0]!.tlvs ? data.payload : parts[0]!.short_message;
    return decodeReassembled(
      {
        parts: [{ seq: 1, payload: bytes, headerLength: 0, dataCoding: parts[0]!.data_coding }],
        bytes,
        dataCoding: parts[0]!.data_coding,
      },
      registry,
    ).text;
  }
  let message: ReassembledMessage | undefined;
  for (const i of order) {
    const part = parts[i % parts.length]!;
    const incoming = partFromPdu({ ...part, source_addr: '1', destination_addr: '2' });
    expect(incoming).toBeDefined();
    message = r.push(incoming!) ?? message;
  }
  // The shuffled order may repeat some parts and miss others: push them all once more to finish.
  for (const part of parts)
    message = r.push(partFromPdu({ ...part, source_addr: '1', destination_addr: '2' })!) ?? message;
  return message && decodeReassembled(message, registry).text;
}

const methods: SplitMethod[] = ['udh8', 'udh16', 'sar', 'payload'];

describe('split → join round trip (property)', () => {
  it.each(methods)('gives back the original text with method %s, in any arrival order', (method) => {
    fc.assert(
      fc.property(
        texts,
        fc.array(fc.nat(300), { maxLength: 20 }),
        fc.nat(0xffff),
        (text, order, reference) => {
          const parts = splitMessage(text, { method, reference });
          expect(receive(parts, order)).toBe(text);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never exceeds a part capacity, and never ends a part with a lone ESC or high surrogate', () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const part of splitMessage(text, { reference: 1 })) {
          const { payload } = extractConcatInfo(part);
          if (part.data_coding === 0) {
            expect(payload.length).toBeLessThanOrEqual(160);
            if (part.esm_class & 0x40) expect(payload.length).toBeLessThanOrEqual(153);
            expect(payload[payload.length - 1]).not.toBe(0x1b);
          } else {
            expect(part.short_message.length).toBeLessThanOrEqual(140);
            const last = payload.readUInt16BE(payload.length - 2);
            expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips packed GSM 7-bit with fill bits, every part at most 140 octets', () => {
    const registry = new TextCodecRegistry().register(0, gsm7PackedCodec);
    const gsmOnly = fc
      .array(fc.constantFrom(...gsmChars), { maxLength: 700, size: 'max' })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(gsmOnly, fc.constantFrom<SplitMethod>('udh8', 'udh16', 'sar'), (text, method) => {
        const parts = splitMessage(text, { method, reference: 3, packed: true });
        for (const part of parts) expect(part.short_message.length).toBeLessThanOrEqual(140);
        expect(receive(parts, [], registry)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('decodeReassembled', () => {
  it('joins a surrogate pair a non-compliant sender split across two UCS2 parts', () => {
    const bytes = Buffer.from('d83dde00', 'hex');
    const message = {
      dataCoding: 8,
      bytes,
      parts: [
        { seq: 1, payload: bytes.subarray(0, 2), headerLength: 6, dataCoding: 8 },
        { seq: 2, payload: bytes.subarray(2), headerLength: 6, dataCoding: 8 },
      ],
    };
    expect(decodeReassembled(message).text).toBe('😀');
  });

  it('returns bytes without text for binary content', () => {
    const bytes = Buffer.from([1, 2, 3]);
    expect(decodeReassembled({ dataCoding: 4, bytes, parts: [] })).toEqual({ bytes, dataCoding: 4 });
  });
});
