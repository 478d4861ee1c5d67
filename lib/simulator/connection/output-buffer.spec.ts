import { describe, expect, it } from '@jest/globals';
import { CommandId, PduFramer, decodePdu, encodePdu } from '../../protocol/index.js';
import { OutputBuffer } from './output-buffer.js';

describe('OutputBuffer', () => {
  it('collects PDUs the decoder reads back, growing past its initial size', () => {
    const out = new OutputBuffer(32);
    for (let i = 1; i <= 100; i++) out.appendWithCString(CommandId.submit_sm_resp, 0, i, String(1000 + i));
    out.appendHeader(CommandId.generic_nack, 3, 101);
    out.append(encodePdu({ command: 'enquire_link', sequence_number: 102 }));
    expect(out.count).toBe(102);
    const bytes = out.take();
    expect(out.isEmpty).toBe(true);
    expect(out.take()).toBeUndefined();
    const pdus = new PduFramer().push(bytes as Buffer).map(decodePdu);
    expect(pdus).toHaveLength(102);
    expect(pdus[0]).toMatchObject({ command: 'submit_sm_resp', sequence_number: 1, message_id: '1001' });
    expect(pdus[100]).toMatchObject({ command: 'generic_nack', command_status: 3, sequence_number: 101 });
    expect(pdus[101]).toMatchObject({ command: 'enquire_link', sequence_number: 102 });
  });

  it('hands out a copy, so later appends never change bytes already given to the socket', () => {
    const out = new OutputBuffer(64);
    out.appendHeader(CommandId.enquire_link_resp, 0, 1);
    const first = out.take() as Buffer;
    out.appendHeader(CommandId.enquire_link_resp, 0, 2);
    expect(first.readUInt32BE(12)).toBe(1);
  });
});
