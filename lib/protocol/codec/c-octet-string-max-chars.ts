import type { CommandName } from '../pdu.types.js';
import { PDU_SCHEMAS } from './pdu-schemas.js';

/**
 * Longest value of a C-Octet String field, in characters, read from the PDU schema table: the table's maxima
 * count the NUL (SMPP 3.4 §3.1, Table 4-1), so system_id's 16 octets hold 15 characters. Options and message
 * checks take their limits from here rather than restating them.
 */
export function cOctetStringMaxChars(command: CommandName, field: string): number {
  const spec = PDU_SCHEMAS[command].fields.find((f) => f.name === field);
  if (spec?.kind !== 'cstring') throw new Error(`${command}.${field} is not a C-Octet String field`);
  return spec.maxLength - 1;
}
