/**
 * The vocabulary of the PDU schema table: how one mandatory parameter is laid out on the wire.
 */

/**
 * How a mandatory parameter is encoded (SMPP 3.4 §3.1, Table 3-1):
 * - `int8`: 1-octet unsigned integer.
 * - `cstring`: ASCII C-Octet String, `maxLength` counts the NUL.
 * - `time`: Fixed C-Octet String of 1 or 17 octets (§7.1.1): empty, or 16 characters plus NUL.
 * - `short_message`: sm_length (1 octet) followed by that many octets (§5.2.21, §5.2.22).
 * - `dest_addresses`: submit_multi's number_of_dests then dest_flag-tagged entries (§4.5.1, §5.2.24-25).
 * - `unsuccess_sme`: submit_multi_resp's no_unsuccess then its entries (§4.5.2, §5.2.26).
 */
export type FieldKind = 'int8' | 'cstring' | 'time' | 'short_message' | 'dest_addresses' | 'unsuccess_sme';

/** One mandatory parameter of a PDU body, declared once and read by encoder, decoder and tests. */
export interface FieldSpec<Name extends string = string> {
  readonly name: Name;
  readonly kind: FieldKind;
  /** Maximum octets on the wire (C-octet strings: including the NUL; short_message: 254). */
  readonly maxLength: number;
  /** The spec section that sets the limit, quoted in errors. */
  readonly section: string;
}

/** A 1-octet integer field. */
export function int8<N extends string>(name: N, section: string): FieldSpec<N> {
  return { name, kind: 'int8', maxLength: 1, section };
}

/** A C-Octet String field; `maxLength` includes the NUL, as the spec tables state it. */
export function cstring<N extends string>(name: N, maxLength: number, section: string): FieldSpec<N> {
  return { name, kind: 'cstring', maxLength, section };
}

/** A time field: Fixed C-Octet String of 1 or 17 octets (§7.1.1). */
export function time<N extends string>(name: N, section: string): FieldSpec<N> {
  return { name, kind: 'time', maxLength: 17, section };
}

/** sm_length + short_message (0..254 octets; 255 is forbidden by §5.2.21). */
export function shortMessage(): FieldSpec<'short_message'> {
  return { name: 'short_message', kind: 'short_message', maxLength: 254, section: '§5.2.21' };
}

/** submit_multi's destination list (1..254 entries, §5.2.24). */
export function destAddresses(): FieldSpec<'dest_addresses'> {
  return { name: 'dest_addresses', kind: 'dest_addresses', maxLength: 254, section: '§4.5.1, §5.2.24' };
}

/** submit_multi_resp's unsuccess_sme list (0..255 entries, §5.2.26). */
export function unsuccessSme(): FieldSpec<'unsuccess_sme'> {
  return { name: 'unsuccess_sme', kind: 'unsuccess_sme', maxLength: 255, section: '§4.5.2, §5.2.26' };
}
