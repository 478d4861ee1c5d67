import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { PduDecodeError } from '../errors/pdu-decode.error.js';
import { FramingError } from '../errors/framing.error.js';
import { PduFramer } from '../framer.js';
import { CommandId } from '../command-ids.js';
import { decodePdu, decodePduInterpreted } from './decode-pdu.js';
import { encodePdu } from './encode-pdu.js';
import { anyPduArbitrary } from './testing/pdu.arbitraries.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INPUTS = 100_000;
const COMMAND_IDS = Object.values(CommandId);

describe('codec fuzzing: only PduDecodeError / FramingError ever escape', () => {
  // Most inputs are rejected; capturing a stack trace per rejection would dominate the run time.
  const stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => {
    Error.stackTraceLimit = 0;
  });
  afterAll(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });

  it(`survives ${INPUTS.toLocaleString('en-US')} random and mutated byte strings`, () => {
    const random = prng(0x5eed);
    const int = (n: number): number => Math.floor(random() * n);
    const corpus = fc.sample(anyPduArbitrary, { numRuns: 400, seed: 42 }).map((p) => encodePdu(p));

    function mutate(): Buffer {
      const base = corpus[int(corpus.length)]!;
      const b = Buffer.from(base);
      switch (int(6)) {
        case 0: // bit flips
          for (let k = 1 + int(4); k > 0; k--) b[int(b.length)]! ^= 1 << int(8);
          return b;
        case 1: // truncation with command_length kept or fixed up
          return ((cut) =>
            random() < 0.5 && cut.length >= 4 ? (cut.writeUInt32BE(cut.length, 0), cut) : cut)(
            Buffer.from(b.subarray(0, int(b.length))),
          );
        case 2: // command_length tweaks
          b.writeUInt32BE(
            [0, 15, 16, b.length - 1, b.length + 1, 0xffffffff, int(0x20000)][int(7)]! >>> 0,
            0,
          );
          return b;
        case 3: // random body under a valid header
          return ((body) => {
            const out = Buffer.concat([b.subarray(0, 16), body]);
            out.writeUInt32BE(out.length, 0);
            return out;
          })(Buffer.from(Array.from({ length: int(80) }, () => int(256))));
        case 4: // overwrite one octet of the body with an edge value
          if (b.length > 16) b[16 + int(b.length - 16)] = [0, 1, 2, 0x7f, 0x80, 0xff][int(6)]!;
          return b;
        default: // change the command_id
          b.writeUInt32BE(random() < 0.8 ? COMMAND_IDS[int(COMMAND_IDS.length)]! : int(0x200), 4);
          return b;
      }
    }

    function randomBytes(): Buffer {
      const b = Buffer.from(Array.from({ length: int(64) }, () => int(256)));
      if (b.length >= 8 && random() < 0.7) {
        b.writeUInt32BE(b.length, 0);
        b.writeUInt32BE(COMMAND_IDS[int(COMMAND_IDS.length)]!, 4);
      }
      return b;
    }

    const unexpected: string[] = [];
    let decoded = 0;
    let rejected = 0;
    let disagreements = 0;
    for (let i = 0; i < INPUTS; i++) {
      const input = i % 3 === 0 ? randomBytes() : mutate();
      let ours: unknown;
      let reference: unknown;
      try {
        ours = decodePdu(input);
        decoded++;
      } catch (error) {
        if (!(error instanceof PduDecodeError))
          unexpected.push(`decodePdu: ${String(error)} on ${input.toString('hex')}`);
        ours = (error as PduDecodeError).rule;
        rejected++;
      }
      if (i % 4 === 0) {
        try {
          reference = decodePduInterpreted(input);
        } catch (error) {
          reference = (error as PduDecodeError).rule;
        }
        if (!isDeepStrictEqual(ours, reference)) disagreements++;
      }
      // The same bytes through a framer, in random chunks.
      if (i % 2 === 0) {
        const framer = new PduFramer({ maxCommandLength: 4096 });
        try {
          let at = 0;
          while (at < input.length) {
            const step = 1 + int(input.length);
            for (const frame of framer.push(input.subarray(at, at + step))) {
              try {
                decodePdu(frame);
              } catch (error) {
                if (!(error instanceof PduDecodeError)) unexpected.push(`framed decodePdu: ${String(error)}`);
              }
            }
            at += step;
          }
        } catch (error) {
          if (!(error instanceof FramingError))
            unexpected.push(`PduFramer: ${String(error)} on ${input.toString('hex')}`);
        }
      }
      if (unexpected.length > 5) break;
    }
    expect(unexpected).toEqual([]);
    expect(disagreements).toBe(0);
    // The mix exercises both outcomes.
    expect(decoded).toBeGreaterThan(INPUTS / 20);
    expect(rejected).toBeGreaterThan(INPUTS / 4);
  });
});
