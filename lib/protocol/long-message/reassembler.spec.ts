import { describe, it, expect } from '@jest/globals';

import type { ConcatInfo } from './extract-concat-info.js';
import { InvalidMessagePartError } from './invalid-message-part.error.js';
import { partFromPdu } from './part-from-pdu.js';
import type { IncomingPart, IncompleteMessage } from './reassembler.interface.js';
import { Reassembler } from './reassembler.js';

function part(
  seq: number,
  total: number,
  text: string,
  over: Partial<IncomingPart> = {},
  reference = 7,
): IncomingPart {
  const concat: ConcatInfo = { method: 'udh8', reference, total, seq };
  return { source: '4477', destination: '100', concat, payload: Buffer.from(text), dataCoding: 0, ...over };
}

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Reassembler', () => {
  it('joins parts that arrive out of order, in seq order', () => {
    const r = new Reassembler();
    expect(r.push(part(3, 3, 'C'))).toBeUndefined();
    expect(r.push(part(1, 3, 'A'))).toBeUndefined();
    const message = r.push(part(2, 3, 'B'));
    expect(message?.bytes.toString()).toBe('ABC');
    expect(message?.parts.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(message).toMatchObject({
      source: '4477',
      destination: '100',
      reference: 7,
      total: 3,
      method: 'udh8',
    });
    expect(r.openSets).toBe(0);
  });

  it('completes a one-part set at once', () => {
    expect(new Reassembler().push(part(1, 1, 'solo'))?.bytes.toString()).toBe('solo');
  });

  it('ignores duplicates and counts them', () => {
    const r = new Reassembler();
    r.push(part(1, 2, 'A'));
    expect(r.push(part(1, 2, 'A again'))).toBeUndefined();
    expect(r.push(part(2, 2, 'B'))?.bytes.toString()).toBe('AB');
    expect(r.stats()).toMatchObject({ duplicates: 1, completed: 1 });
  });

  it('keeps messages apart by sender, recipient, reference, total, method and scope', () => {
    const r = new Reassembler();
    r.push(part(1, 2, 'a1'));
    r.push(part(1, 2, 'b1', { source: 'other' }));
    r.push(part(1, 2, 'c1', {}, 8));
    r.push(part(1, 3, 'd1'));
    r.push(part(1, 2, 'e1', { scope: 'clientB' }));
    r.push(part(1, 2, 'f1', { concat: { method: 'udh16', reference: 7, total: 2, seq: 1 } }));
    expect(r.openSets).toBe(6);
    expect(r.push(part(2, 2, 'b2', { source: 'other' }))?.bytes.toString()).toBe('b1b2');
    expect(r.push(part(2, 2, 'e2', { scope: 'clientB' }))?.bytes.toString()).toBe('e1e2');
  });

  it('reports a set that did not complete in time, with what was received and missing', () => {
    const c = clock();
    const reports: IncompleteMessage[] = [];
    const r = new Reassembler({ timeoutMs: 60_000, now: c.now, onIncomplete: (x) => reports.push(x) });
    r.push(part(1, 3, 'A'));
    c.advance(10_000);
    r.push(part(3, 3, 'C'));
    c.advance(49_999);
    expect(r.sweep()).toEqual([]);
    c.advance(1);
    const swept = r.sweep();
    expect(swept).toHaveLength(1);
    expect(swept[0]).toMatchObject({
      reason: 'expired',
      received: [1, 3],
      missing: [2],
      total: 3,
      reference: 7,
      source: '4477',
      firstSeenAt: 1_000,
      lastSeenAt: 11_000,
    });
    expect(swept[0]!.parts.map((p) => p.payload.toString())).toEqual(['A', 'C']);
    expect(reports).toEqual(swept);
    expect(r.openSets).toBe(0);
    expect(r.stats().expired).toBe(1);
  });

  it('defaults to a 5-minute timeout', () => {
    const c = clock();
    const r = new Reassembler({ now: c.now });
    r.push(part(1, 2, 'A'));
    c.advance(299_999);
    expect(r.sweep()).toHaveLength(0);
    c.advance(1);
    expect(r.sweep()).toHaveLength(1);
  });

  it('bounds open sets by evicting the oldest, and reports it', () => {
    const reports: IncompleteMessage[] = [];
    const r = new Reassembler({ maxOpenSets: 2, onIncomplete: (x) => reports.push(x) });
    r.push(part(1, 2, 'x', {}, 1));
    r.push(part(1, 2, 'y', {}, 2));
    r.push(part(1, 2, 'z', {}, 3));
    expect(r.openSets).toBe(2);
    expect(reports).toEqual([expect.objectContaining({ reason: 'evicted', reference: 1, missing: [2] })]);
    expect(r.stats().evicted).toBe(1);
  });

  it('returns evictions from the next sweep when no callback is set', () => {
    const r = new Reassembler({ maxOpenSets: 1 });
    r.push(part(1, 2, 'x', {}, 1));
    r.push(part(1, 2, 'y', {}, 2));
    expect(r.sweep()).toEqual([expect.objectContaining({ reason: 'evicted', reference: 1 })]);
    expect(r.sweep()).toEqual([]);
  });

  it('flushes every open set on demand', () => {
    const r = new Reassembler();
    r.push(part(1, 2, 'x', {}, 1));
    r.push(part(2, 3, 'y', {}, 2));
    expect(r.flush().map((x) => [x.reason, x.reference, x.missing])).toEqual([
      ['flushed', 1, [2]],
      ['flushed', 2, [1, 3]],
    ]);
    expect(r.openSets).toBe(0);
  });

  it('refuses impossible concatenation info', () => {
    const r = new Reassembler();
    expect(() => r.push(part(0, 2, 'x'))).toThrow(InvalidMessagePartError);
    expect(() => r.push(part(3, 2, 'x'))).toThrow(/concat.seq/);
    expect(() => r.push(part(1, 256, 'x'))).toThrow(/concat.total/);
  });

  it('validates its options', () => {
    expect(() => new Reassembler({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new Reassembler({ maxOpenSets: 0 })).toThrow(RangeError);
  });
});

describe('partFromPdu + Reassembler', () => {
  const pdu = (short_message: Buffer, extra: object = {}) => ({
    source_addr: '4477',
    destination_addr: '100',
    esm_class: 0x40,
    data_coding: 0,
    short_message,
    ...extra,
  });

  it('returns undefined for a whole message', () => {
    expect(partFromPdu(pdu(Buffer.from('hi'), { esm_class: 0 }))).toBeUndefined();
  });

  it('joins 16-bit UDH parts', () => {
    const r = new Reassembler();
    r.push(partFromPdu(pdu(Buffer.from('0608041234020242', 'hex')))!);
    const message = r.push(partFromPdu(pdu(Buffer.from('0608041234020141', 'hex')))!);
    expect(message).toMatchObject({ method: 'udh16', reference: 0x1234 });
    expect(message?.bytes.toString()).toBe('AB');
    expect(message?.parts[0]!.headerLength).toBe(7);
  });

  it('joins SAR parts', () => {
    const r = new Reassembler();
    const sar = (seq: number, text: string) =>
      partFromPdu(
        pdu(Buffer.from(text), {
          esm_class: 0,
          tlvs: { sar_msg_ref_num: 300, sar_total_segments: 2, sar_segment_seqnum: seq },
        }),
        'client-a',
      )!;
    r.push(sar(2, 'world'));
    expect(r.push(sar(1, 'hello '))).toMatchObject({ method: 'sar', reference: 300, scope: 'client-a' });
  });

  it('joins parts whose UDH has other IEs before the concatenation IE', () => {
    const r = new Reassembler();
    r.push(partFromPdu(pdu(Buffer.from('0b05040b8423f0000307020158', 'hex')))!);
    expect(
      r.push(partFromPdu(pdu(Buffer.from('0b05040b8423f0000307020259', 'hex')))!)?.bytes.toString(),
    ).toBe('XY');
  });
});
