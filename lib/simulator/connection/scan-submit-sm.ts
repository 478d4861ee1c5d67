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
  let o = 16;
  // service_type: C-Octet, max 6 including the NUL (§5.2.11).
  let nul = frame.indexOf(0, o);
  if (nul < 0 || nul - o > 5) return -1;
  o = nul + 3; // skip NUL, source_addr_ton, source_addr_npi
  // source_addr: max 21 (§5.2.8).
  if (o >= end) return -1;
  nul = frame.indexOf(0, o);
  if (nul < 0 || nul - o > 20) return -1;
  o = nul + 3; // NUL, dest_addr_ton, dest_addr_npi
  // destination_addr: max 21, and a submit_sm without one cannot be routed (ESME_RINVDSTADR: decoder path).
  if (o >= end) return -1;
  nul = frame.indexOf(0, o);
  if (nul <= o || nul - o > 20) return -1;
  o = nul + 1;
  // esm_class, protocol_id, priority_flag, then schedule_delivery_time and validity_period both NULL.
  if (o + 10 > end) return -1;
  if (frame[o + 2] > 3 || frame[o + 3] !== 0 || frame[o + 4] !== 0) return -1;
  const registeredDelivery = frame[o + 5];
  // registered_delivery bits 1-0 = 11 are reserved (§5.2.17): decoder path decides.
  if ((registeredDelivery & 0x03) === 0x03) return -1;
  const smLength = frame[o + 9];
  // sm_length 255 is not allowed (§5.2.21); bytes after short_message are TLVs: decoder path.
  if (smLength > 254 || o + 10 + smLength !== end) return -1;
  return registeredDelivery;
}
