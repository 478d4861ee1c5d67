import { PDU_SCHEMAS } from '../../protocol/codec/pdu-schemas.js';
import { PDU_HEADER_LENGTH } from '../../protocol/pdu.constants.js';

// The layout below is read from the schema table (SMPP 3.4 Table 4-10), not restated: a change to the table
// moves these offsets with it, and a layout this scan cannot follow fails at load.
const FIELDS = PDU_SCHEMAS.submit_sm.fields;

function indexOfField(name: string): number {
  const index = FIELDS.findIndex((field) => field.name === name);
  if (index < 0) throw new Error(`scanSubmitSm: submit_sm has no field ${name}`);
  return index;
}

/** Longest value of a C-Octet String field, its NUL not counted (the table's maxLength counts it). */
function longestValue(name: string): number {
  return FIELDS[indexOfField(name)]!.maxLength - 1;
}

/**
 * Octets from the start of field `from` to the start of field `to` when every field in between (and `from`
 * itself) is one octet: an int8, or a time field that is NULL (the only case the scan accepts).
 */
function fixedOctets(from: string, to: string): number {
  const start = indexOfField(from);
  const end = indexOfField(to);
  for (let i = start; i < end; i++) {
    const kind = FIELDS[i]!.kind;
    if (kind !== 'int8' && kind !== 'time') {
      throw new Error(`scanSubmitSm: ${FIELDS[i]!.name} between ${from} and ${to} is not one octet`);
    }
  }
  return end - start;
}

const SERVICE_TYPE_LONGEST = longestValue('service_type');
const SOURCE_ADDR_LONGEST = longestValue('source_addr');
const DESTINATION_ADDR_LONGEST = longestValue('destination_addr');
const SM_LENGTH_MAX = FIELDS[indexOfField('short_message')]!.maxLength;
/** From the octet after a C-Octet String's NUL to the next C-Octet String (the ton and npi between). */
const SOURCE_ADDR_AFTER_SERVICE_TYPE = fixedOctets('source_addr_ton', 'source_addr');
const DESTINATION_ADDR_AFTER_SOURCE_ADDR = fixedOctets('dest_addr_ton', 'destination_addr');
/** Offsets from the octet after destination_addr's NUL (esm_class), both time fields NULL. */
const PRIORITY_FLAG_AT = fixedOctets('esm_class', 'priority_flag');
const SCHEDULE_DELIVERY_TIME_AT = fixedOctets('esm_class', 'schedule_delivery_time');
const VALIDITY_PERIOD_AT = fixedOctets('esm_class', 'validity_period');
const REGISTERED_DELIVERY_AT = fixedOctets('esm_class', 'registered_delivery');
const SM_LENGTH_AT = fixedOctets('esm_class', 'short_message');

/**
 * Fast structural check of a submit_sm frame for the simulator's hot path.
 *
 * @remarks
 * Walks the mandatory fields of SMPP 3.4 Table 4-10 with `indexOf(0)` and returns registered_delivery, without
 * building strings or objects. It accepts only the plain case: every C-Octet string terminated within its
 * maximum, a non-empty destination_addr, NULL schedule_delivery_time and validity_period, sm_length <= 254
 * (§5.2.21), priority_flag 0..3 (§5.2.14) and no TLVs. Anything else returns `-1` and the caller decodes the frame fully, so unusual PDUs get
 * exactly the codec's verdict and error status.
 *
 * @returns registered_delivery (0..255), or -1 when the frame needs the full decoder.
 */
export function scanSubmitSm(frame: Buffer): number {
  const end = frame.length;
  let o = PDU_HEADER_LENGTH;
  // service_type (§5.2.11).
  let nul = frame.indexOf(0, o);
  if (nul < 0 || nul - o > SERVICE_TYPE_LONGEST) return -1;
  o = nul + 1 + SOURCE_ADDR_AFTER_SERVICE_TYPE;
  // source_addr (§5.2.8).
  if (o >= end) return -1;
  nul = frame.indexOf(0, o);
  if (nul < 0 || nul - o > SOURCE_ADDR_LONGEST) return -1;
  o = nul + 1 + DESTINATION_ADDR_AFTER_SOURCE_ADDR;
  // destination_addr (§5.2.9), and a submit_sm without one cannot be routed (ESME_RINVDSTADR: decoder path).
  if (o >= end) return -1;
  nul = frame.indexOf(0, o);
  if (nul <= o || nul - o > DESTINATION_ADDR_LONGEST) return -1;
  o = nul + 1;
  // esm_class ... sm_length, with schedule_delivery_time and validity_period both NULL.
  if (o + SM_LENGTH_AT + 1 > end) return -1;
  if (
    frame[o + PRIORITY_FLAG_AT] > 3 ||
    frame[o + SCHEDULE_DELIVERY_TIME_AT] !== 0 ||
    frame[o + VALIDITY_PERIOD_AT] !== 0
  ) {
    return -1;
  }
  const registeredDelivery = frame[o + REGISTERED_DELIVERY_AT];
  // registered_delivery bits 1-0 = 11 are reserved (§5.2.17): decoder path decides.
  if ((registeredDelivery & 0x03) === 0x03) return -1;
  const smLength = frame[o + SM_LENGTH_AT];
  // sm_length 255 is not allowed (§5.2.21); bytes after short_message are TLVs: decoder path.
  if (smLength > SM_LENGTH_MAX || o + SM_LENGTH_AT + 1 + smLength !== end) return -1;
  return registeredDelivery;
}
