import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { CommandName, Pdu } from '../pdu.types.js';
import { decodePdu, decodePduInterpreted } from './decode-pdu.js';
import { encodePdu } from './encode-pdu.js';
import { PDU_SCHEMAS } from './pdu-schemas.js';
import { PLAIN_ENCODERS } from './plain-encoders.js';
import { pduArbitrary } from './testing/pdu.arbitraries.js';

describe('codec properties (fast-check, arbitraries built from the schema table)', () => {
  it.each(Object.keys(PDU_SCHEMAS) as CommandName[])(
    'decode(encode(p)) deep-equals p for any valid %s',
    (command) => {
      fc.assert(
        fc.property(pduArbitrary(command), (pdu) => {
          const bytes = encodePdu(pdu);
          expect(bytes.readUInt32BE(0)).toBe(bytes.length);
          expect(decodePdu(bytes)).toEqual(pdu);
          // The generated reader and the interpreted reference reader agree.
          expect(decodePduInterpreted(bytes)).toEqual(pdu);
          // Re-encoding a decoded PDU gives the same bytes.
          expect(encodePdu(decodePdu(bytes)).equals(bytes)).toBe(true);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each([...PLAIN_ENCODERS.keys()])(
    'the plain encoder of %s writes the bytes the schema path writes (an empty tlvs object forces the latter)',
    (command) => {
      fc.assert(
        fc.property(pduArbitrary(command as CommandName), (pdu) => {
          // The plain path serves command_status 0 only (the arbitraries draw any value).
          const { tlvs: _ignored, ...rest } = pdu as Pdu & { tlvs?: unknown };
          const plain = { ...rest, command_status: 0 } as Pdu;
          expect(PLAIN_ENCODERS.get(command)!.measure(plain as never)).toBeGreaterThan(0);
          const viaSchema = encodePdu({ ...plain, tlvs: {} } as Pdu);
          const bytes = encodePdu(plain);
          expect(bytes.equals(viaSchema)).toBe(true);
          expect(decodePduInterpreted(bytes)).toEqual(plain);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('the plain encoders cover the hot commands, and every command whose fields are all simple', () => {
    for (const command of ['submit_sm', 'submit_sm_resp', 'deliver_sm', 'deliver_sm_resp', 'enquire_link'])
      expect(PLAIN_ENCODERS.has(command)).toBe(true);
    expect(PLAIN_ENCODERS.has('submit_multi')).toBe(false);
  });

  it('a PDU a plain encoder declines goes the schema path, which names the rule', () => {
    const tooLong = { command: 'submit_sm', destination_addr: '1'.repeat(21) } as const;
    expect(PLAIN_ENCODERS.get('submit_sm')!.measure(tooLong)).toBe(-1);
    expect(() => encodePdu(tooLong)).toThrow(/destination_addr/);
  });
});
