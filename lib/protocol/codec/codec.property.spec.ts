import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { CommandName } from '../pdu.types.js';
import { decodePdu, decodePduInterpreted } from './decode-pdu.js';
import { encodePdu } from './encode-pdu.js';
import { PDU_SCHEMAS } from './pdu-schemas.js';
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

  it('the submit_sm fast path writes the bytes the schema path writes (an empty tlvs object forces the latter)', () => {
    fc.assert(
      fc.property(pduArbitrary('submit_sm'), (pdu) => {
        // A request's command_status is 0 (§3.2); the arbitraries draw any value, which the fast path leaves alone.
        const { tlvs: _ignored, ...rest } = pdu;
        const plain = { ...rest, command_status: 0 };
        const viaSchema = encodePdu({ ...plain, tlvs: {} });
        const bytes = encodePdu(plain);
        expect(bytes.equals(viaSchema)).toBe(true);
        expect(decodePduInterpreted(bytes)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});
