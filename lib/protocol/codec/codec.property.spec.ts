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
});
