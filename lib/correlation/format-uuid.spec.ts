import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatUuidBytes, formatUuidWords, LITTLE_ENDIAN } from './format-uuid.js';

/** The UUID text of 16 bytes, the plain way: hex, then dashes after digits 8, 12, 16 and 20. */
function reference(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sixteenBytes = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('formatUuidBytes', () => {
  it('writes the 8-4-4-4-12 lower-case hex of any 16 bytes, at any offset, touching nothing else', () => {
    fc.assert(
      fc.property(sixteenBytes, fc.nat({ max: 20 }), fc.nat({ max: 20 }), (uuid, from, at) => {
        const bytes = new Uint8Array(from + 16);
        bytes.set(uuid, from);
        const text = new Uint8Array(at + 36 + 3).fill(0x7e);
        formatUuidBytes(bytes, from, text, at);
        expect(Buffer.from(text.subarray(at, at + 36)).toString('latin1')).toBe(reference(uuid));
        expect([...text.subarray(0, at), ...text.subarray(at + 36)].every((b) => b === 0x7e)).toBe(true);
      }),
    );
  });
});

(LITTLE_ENDIAN ? describe : describe.skip)('formatUuidWords (little-endian platforms)', () => {
  it('writes exactly what formatUuidBytes writes, for any 16 bytes, into the nine words from `at`', () => {
    fc.assert(
      fc.property(sixteenBytes, fc.nat({ max: 40 }), fc.nat({ max: 5 }), (uuid, from, at) => {
        const bytes = new Uint8Array(from + 16);
        bytes.set(uuid, from);
        const words = new Int32Array(at + 9 + 2).fill(-1);
        formatUuidWords(bytes, from, words, at);
        const written = Buffer.from(words.buffer, at * 4, 36).toString('latin1');
        expect(written).toBe(reference(uuid));
        expect([...words.subarray(0, at), ...words.subarray(at + 9)].every((w) => w === -1)).toBe(true);
      }),
    );
  });

  it('gets every byte value right in every position (all-0x00, all-0xff, and each value in turn)', () => {
    const cases = [new Uint8Array(16), new Uint8Array(16).fill(0xff)];
    for (let v = 0; v < 256; v++) cases.push(Uint8Array.from({ length: 16 }, (_, i) => (v + i * 17) & 0xff));
    const words = new Int32Array(9);
    for (const uuid of cases) {
      formatUuidWords(uuid, 0, words, 0);
      expect(Buffer.from(words.buffer, 0, 36).toString('latin1')).toBe(reference(uuid));
    }
  });
});
