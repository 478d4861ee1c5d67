import { describe, expect, it } from '@jest/globals';
import { encodePdu } from '../../protocol/index.js';
import { splitWrittenPdus } from './split-written-pdus.js';

describe('splitWrittenPdus', () => {
  it('cuts one write into its PDUs by command_length', () => {
    const a = encodePdu({ command: 'enquire_link', sequence_number: 1 });
    const b = encodePdu({ command: 'submit_sm_resp', sequence_number: 2, message_id: '42' });
    const pdus = splitWrittenPdus(Buffer.concat([a, b]));
    expect(pdus.map((p) => p.toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
  });

  it('returns malformed bytes as one piece instead of guessing where they end', () => {
    const good = encodePdu({ command: 'enquire_link', sequence_number: 1 });
    const bad = Buffer.from('0000000800000015', 'hex'); // command_length 8 < 16
    const pdus = splitWrittenPdus(Buffer.concat([good, bad, good]));
    expect(pdus).toHaveLength(2);
    expect(pdus[1]).toHaveLength(bad.length + good.length);
  });

  it('keeps a command_length that runs past the end as the rest', () => {
    const header = Buffer.from('000000ff00000004', 'hex');
    expect(splitWrittenPdus(header)).toEqual([header]);
  });
});
