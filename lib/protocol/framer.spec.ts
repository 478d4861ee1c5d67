import { describe, it, expect } from '@jest/globals';
import { encodePdu } from './codec/encode-pdu.js';
import { CommandStatus } from './command-status.js';
import { FramingError } from './errors/framing.error.js';
import { PduDecodeError } from './errors/pdu-decode.error.js';
import { DEFAULT_MAX_COMMAND_LENGTH, PduFramer } from './framer.js';

const frames = [
  encodePdu({ command: 'enquire_link', sequence_number: 1 }),
  encodePdu({
    command: 'submit_sm',
    sequence_number: 2,
    destination_addr: '123',
    short_message: Buffer.from('hi'),
  }),
  encodePdu({ command: 'submit_sm_resp', sequence_number: 2, message_id: 'abc' }),
];
const stream = Buffer.concat(frames);

function header(commandLength: number, commandId = 0x15, sequence = 9): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(commandLength, 0);
  b.writeUInt32BE(commandId, 4);
  b.writeUInt32BE(sequence, 12);
  return b;
}

describe('PduFramer (SMPP 3.4 §3.2.2: read command_length, then the rest)', () => {
  it('returns every PDU of a chunk holding several, as zero-copy views of the chunk', () => {
    const framer = new PduFramer();
    const out = framer.push(stream);
    expect(out).toEqual(frames);
    expect(out[1]!.buffer).toBe(stream.buffer);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('reassembles PDUs fed one byte at a time', () => {
    const framer = new PduFramer();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) {
      out.push(...framer.push(stream.subarray(i, i + 1)));
      const completed = out.reduce((sum, f) => sum + f.length, 0);
      expect(framer.bufferedBytes).toBe(i + 1 - completed);
    }
    expect(out).toEqual(frames);
    expect(framer.bufferedBytes).toBe(0);
  });

  it('reassembles PDUs from every possible two-chunk cut', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const framer = new PduFramer();
      const out = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
      expect(out).toEqual(frames);
    }
  });

  it('allows a 64K message_payload by default', () => {
    expect(DEFAULT_MAX_COMMAND_LENGTH).toBeGreaterThanOrEqual(16 + 0xffff + 100);
  });

  it('fails with FramingError ESME_RINVCMDLEN on a command_length below 16, with the header fields', () => {
    const framer = new PduFramer();
    const error = (() => {
      try {
        framer.push(header(8, 0x04, 77));
      } catch (e) {
        return e;
      }
    })() as FramingError;
    expect(error).toBeInstanceOf(FramingError);
    expect(error).toBeInstanceOf(PduDecodeError);
    expect(error.status).toBe(CommandStatus.ESME_RINVCMDLEN);
    expect(error.commandId).toBe(0x04);
    expect(error.sequenceNumber).toBe(77);
    expect(error.commandLength).toBe(8);
  });

  it('fails on a 2 GB command_length without allocating it, and stays failed', () => {
    const framer = new PduFramer({ maxCommandLength: 1000 });
    expect(() => framer.push(header(0x7fffffff))).toThrow(FramingError);
    expect(() => framer.push(frames[0]!)).toThrow(/command_length 2147483647/);
  });

  it('fails on an oversized command_length split across chunks', () => {
    const framer = new PduFramer({ maxCommandLength: 100 });
    const bad = header(101);
    expect(framer.push(bad.subarray(0, 2))).toEqual([]);
    expect(() => framer.push(bad.subarray(2))).toThrow(FramingError);
  });
});
