import { describe, it, expect } from '@jest/globals';

import { extractConcatInfo } from './extract-concat-info.js';

const sm = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex');

describe('extractConcatInfo', () => {
  it('reads an 8-bit-reference UDH (05 00 03 ref total seq) and strips it', () => {
    const data = extractConcatInfo({ esm_class: 0x40, short_message: sm('05 00 03 2a 03 02 41 42') });
    expect(data).toMatchObject({
      concat: { method: 'udh8', reference: 0x2a, total: 3, seq: 2 },
      payload: sm('4142'),
      headerLength: 6,
      field: 'short_message',
    });
    expect(data.udhError).toBeUndefined();
  });

  it('reads a 16-bit-reference UDH (06 08 04 refHi refLo total seq)', () => {
    const data = extractConcatInfo({ esm_class: 0x40, short_message: sm('06 08 04 12 34 02 01 41') });
    expect(data.concat).toEqual({ method: 'udh16', reference: 0x1234, total: 2, seq: 1 });
    expect(data.payload).toEqual(sm('41'));
    expect(data.headerLength).toBe(7);
  });

  it('finds the concatenation IE after other IEs (application ports first)', () => {
    // UDHL 0x0B: port IE 05 04 0B84 23F0, then concat 00 03 07 02 02.
    const data = extractConcatInfo({
      esm_class: 0x40,
      short_message: sm('0b 05 04 0b 84 23 f0 00 03 07 02 02 ff'),
    });
    expect(data.concat).toEqual({ method: 'udh8', reference: 7, total: 2, seq: 2 });
    expect(data.elements.map((e) => e.iei)).toEqual([0x05, 0x00]);
    expect(data.elements[0]!.data).toEqual(sm('0b8423f0'));
    expect(data.payload).toEqual(sm('ff'));
  });

  it('uses the last concatenation IE when one repeats (TS 23.040 §9.2.3.24)', () => {
    const data = extractConcatInfo({
      esm_class: 0x40,
      short_message: sm('0a 00 03 01 02 01 00 03 09 03 03'),
    });
    expect(data.concat).toEqual({ method: 'udh8', reference: 9, total: 3, seq: 3 });
  });

  it('ignores a concatenation IE with seq 0, total 0 or seq > total (TS 23.040 §9.2.3.24.1)', () => {
    for (const ie of ['00 03 01 00 01', '00 03 01 02 00', '00 03 01 02 03']) {
      const data = extractConcatInfo({ esm_class: 0x40, short_message: sm(`05 ${ie} 41`) });
      expect(data.concat).toBeUndefined();
      expect(data.payload).toEqual(sm('41'));
    }
  });

  it('reads SAR TLVs when there is no UDH', () => {
    const data = extractConcatInfo({
      esm_class: 0,
      short_message: sm('4142'),
      tlvs: { sar_msg_ref_num: 0x0102, sar_total_segments: 4, sar_segment_seqnum: 4 },
    });
    expect(data.concat).toEqual({ method: 'sar', reference: 0x0102, total: 4, seq: 4 });
    expect(data.payload).toEqual(sm('4142'));
    expect(data.headerLength).toBe(0);
  });

  it('reads the user data from message_payload when short_message is empty (data_sm has none)', () => {
    const data = extractConcatInfo({
      esm_class: 0x40,
      tlvs: { message_payload: sm('05 00 03 01 02 01 41') },
    });
    expect(data).toMatchObject({ field: 'message_payload', payload: sm('41'), concat: { seq: 1, total: 2 } });
  });

  it('treats a PDU without UDHI as a whole message, even if it starts like a UDH', () => {
    const data = extractConcatInfo({ esm_class: 0, short_message: sm('05 00 03 01 02 01') });
    expect(data.concat).toBeUndefined();
    expect(data.payload).toEqual(sm('05 00 03 01 02 01'));
  });

  it('reports, without throwing, a UDHL longer than the user data', () => {
    const data = extractConcatInfo({ esm_class: 0x40, short_message: sm('09 00 03 01') });
    expect(data.udhError).toMatch(/UDHL 9/);
    expect(data.payload).toEqual(sm('09 00 03 01'));
    expect(data.concat).toBeUndefined();
  });

  it('reports an IE that overruns the UDH but keeps the IEs before it', () => {
    const data = extractConcatInfo({ esm_class: 0x40, short_message: sm('06 00 03 01 02 01 05 41') });
    expect(data.udhError).toMatch(/overruns/);
    expect(data.concat).toEqual({ method: 'udh8', reference: 1, total: 2, seq: 1 });
    expect(data.payload).toEqual(sm('41'));
  });

  it('reports UDHI with empty user data', () => {
    expect(extractConcatInfo({ esm_class: 0x40, short_message: Buffer.alloc(0) }).udhError).toMatch(/empty/);
  });
});
