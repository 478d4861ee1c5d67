import { encodePdu } from '../../../lib/protocol/index.js';
import type { AnyPduInput } from '../../../lib/protocol/pdu.types.js';

/** A small seeded PRNG (mulberry32): a failing storm can be replayed from its seed. */
export class Prng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 255);
    return out;
  }
}

/** A header-only PDU (16 octets). */
export function header(commandLength: number, commandId: number, status: number, sequence: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(commandLength >>> 0, 0);
  bytes.writeUInt32BE(commandId >>> 0, 4);
  bytes.writeUInt32BE(status >>> 0, 8);
  bytes.writeUInt32BE(sequence >>> 0, 12);
  return bytes;
}

/** A header announcing a 2 GB PDU (command_length 0x80000000): must be refused without allocating it. */
export function twoGigabyteHeader(sequence = 1): Buffer {
  return header(0x80000000, 0x00000005, 0, sequence);
}

const RECEIPT_TEXT =
  'id:0123456789 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201 stat:DELIVRD err:000 text:hello';

/** Valid PDUs an SMSC may send, the seeds of the mutations. */
function seedPdus(): AnyPduInput[] {
  const deliver = {
    command: 'deliver_sm',
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: '447700900001',
    destination_addr: '1234',
    short_message: Buffer.from('hello from the handset'),
  } as const;
  return [
    { ...deliver },
    { ...deliver, esm_class: 0x04, short_message: Buffer.from(RECEIPT_TEXT) },
    {
      ...deliver,
      esm_class: 0x04,
      short_message: Buffer.alloc(0),
      tlvs: { receipted_message_id: '0123456789', message_state: 2 },
    },
    { ...deliver, esm_class: 0x40, short_message: Buffer.from([5, 0, 3, 7, 2, 1, 0x41, 0x42, 0x43]) },
    { ...deliver, data_coding: 0x08, short_message: Buffer.from('\u00e9t\u00e9 \u263a', 'utf16le').swap16() },
    {
      command: 'data_sm',
      source_addr: '447700900002',
      destination_addr: '1234',
      tlvs: { message_payload: Buffer.from('payload') },
    },
    { command: 'enquire_link' },
    { command: 'submit_sm_resp', message_id: 'abc' },
    { command: 'generic_nack', command_status: 3 },
    { command: 'alert_notification', source_addr: '447700900003', esme_addr: '1234' },
    { command: 'outbind', system_id: 'hostile', password: '' },
    { command: 'query_sm_resp', message_id: '1', final_date: '', message_state: 2, error_code: 0 },
    { command: 'bind_transceiver', system_id: 'x', password: '' },
    { command: 'submit_sm', destination_addr: '1', short_message: Buffer.from('x') },
  ] as AnyPduInput[];
}

/** Command ids outside SMPP 3.4 Table 5-1 (and a few at the edges of the reserved ranges). */
const UNKNOWN_IDS = [
  0x000001fe, 0x00000010, 0x0000ffff, 0x7fffffff, 0x80000010, 0x800001fe, 0xffffffff, 0x00010200,
];

/** What a generated frame does to the stream. */
export type FrameKind = 'framable' | 'breaker';

/**
 * Generates hostile input for an ESME: "framable" frames keep the stream's framing intact (their
 * command_length matches their size) but their content is mutated or random; "breakers" end the framing
 * (random bytes, command_length < 16 or > the maximum, a 2 GB header, a length that lies).
 */
export class HostileFrames {
  private readonly seeds: Buffer[];
  private sequence = 1;

  constructor(readonly rng: Prng) {
    this.seeds = seedPdus().map((pdu) => encodePdu({ ...pdu, sequence_number: 1 } as AnyPduInput));
  }

  private nextSequence(): number {
    this.sequence = this.sequence >= 0x7fffffff ? 1 : this.sequence + 1;
    return this.sequence;
  }

  /** A well-framed PDU with an unknown command_id; returns its sequence number too (a generic_nack is due). */
  unknownCommand(): { bytes: Buffer; sequence: number } {
    const sequence = this.nextSequence();
    return { bytes: header(16, 0x000001fe, 0, sequence), sequence };
  }

  /** One framable hostile frame. */
  framable(): Buffer {
    const rng = this.rng;
    const seed = Buffer.from(rng.pick(this.seeds));
    seed.writeUInt32BE(this.nextSequence(), 12);
    switch (rng.int(0, 7)) {
      case 0: {
        // Bit flips anywhere after command_length.
        for (let k = rng.int(1, 8); k > 0; k--) {
          const at = rng.int(4, seed.length - 1);
          seed[at] ^= 1 << rng.int(0, 7);
        }
        return seed;
      }
      case 1: {
        // Body cut short, command_length adjusted: "a PDU whose body is cut short".
        if (seed.length <= 16) return seed;
        const cut = Buffer.from(seed.subarray(0, rng.int(16, seed.length - 1)));
        cut.writeUInt32BE(cut.length, 0);
        return cut;
      }
      case 2: {
        // Trailing garbage inside the frame.
        const longer = Buffer.concat([seed, rng.bytes(rng.int(1, 32))]);
        longer.writeUInt32BE(longer.length, 0);
        return longer;
      }
      case 3: {
        seed.writeUInt32BE(rng.next() < 0.5 ? rng.pick(UNKNOWN_IDS) : rng.int(0, 0xffffffff), 4);
        return seed;
      }
      case 4: {
        // A TLV whose length runs past the end of the PDU.
        const tlv = Buffer.alloc(4 + rng.int(0, 3));
        tlv.writeUInt16BE(rng.pick([0x001e, 0x0427, 0x0424, 0x020c, rng.int(0, 0xffff)]), 0);
        tlv.writeUInt16BE(rng.int(tlv.length - 3, 0xffff), 2);
        const bad = Buffer.concat([seed, tlv]);
        bad.writeUInt32BE(bad.length, 0);
        return bad;
      }
      case 5: {
        // A random body under a plausible header.
        const body = rng.bytes(rng.int(0, 300));
        const frame = Buffer.concat([header(16 + body.length, seed.readUInt32BE(4), 0, this.sequence), body]);
        return frame;
      }
      case 6: {
        // Header only, random status, odd sequence numbers (0 and the top of the range).
        return header(
          16,
          seed.readUInt32BE(4),
          rng.int(0, 0xffffffff),
          rng.pick([0, 0xffffffff, 0x7fffffff]),
        );
      }
      default:
        return seed;
    }
  }

  /** One frame that ends the framing of the stream. */
  breaker(): Buffer {
    const rng = this.rng;
    switch (rng.int(0, 4)) {
      case 0:
        return rng.bytes(rng.int(4, 512));
      case 1:
        return header(rng.int(0, 15), 0x00000005, 0, this.nextSequence());
      case 2:
        return twoGigabyteHeader(this.nextSequence());
      case 3:
        return header(rng.int(70_001, 0xffffffff), rng.int(0, 0xffffffff), 0, this.nextSequence());
      default: {
        // A command_length that lies about its PDU, followed by random bytes: the stream desynchronises.
        const seed = Buffer.from(rng.pick(this.seeds));
        seed.writeUInt32BE(seed.length + rng.int(1, 64), 0);
        return Buffer.concat([seed, rng.bytes(rng.int(16, 256))]);
      }
    }
  }
}
