/**
 * fast-check arbitraries for valid PDUs of every command, built from the same schema and TLV tables as
 * the codec. Test-only (excluded from the build).
 */
import fc from 'fast-check';
import type { CommandName, Pdu } from '../../pdu.types.js';
import { TLV_DEFINITIONS, type TlvDefinition } from '../../tlv-tags.js';
import type { FieldSpec } from '../field-spec.js';
import { PDU_SCHEMAS } from '../pdu-schemas.js';

const asciiChar = fc.integer({ min: 1, max: 0x7f }).map((c) => String.fromCharCode(c));

/** An ASCII string without NUL of at most `max - 1` characters (C-Octet String of `max` octets). */
export const cOctetString = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: asciiChar, maxLength: max - 1 });

const timeString = fc.oneof(fc.constant(''), fc.string({ unit: asciiChar, minLength: 16, maxLength: 16 }));
const byte = fc.integer({ min: 0, max: 0xff });
const octets = (min: number, max: number): fc.Arbitrary<Buffer> =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));

const destination = fc.oneof(
  fc.record({
    dest_flag: fc.constant(1 as const),
    dest_addr_ton: byte,
    dest_addr_npi: byte,
    destination_addr: cOctetString(21),
  }),
  fc.record({ dest_flag: fc.constant(2 as const), dl_name: cOctetString(21) }),
);

const unsuccess = fc.record({
  dest_addr_ton: byte,
  dest_addr_npi: byte,
  destination_addr: cOctetString(21),
  error_status_code: fc.integer({ min: 0, max: 0xffffffff }),
});

function fieldArbitrary(field: FieldSpec): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'int8':
      return byte;
    case 'cstring':
      return cOctetString(field.maxLength);
    case 'time':
      return timeString;
    case 'short_message':
      return octets(0, 254);
    case 'dest_addresses':
      return fc.array(destination, { minLength: 1, maxLength: 6 });
    case 'unsuccess_sme':
      return fc.array(unsuccess, { maxLength: 4 });
  }
}

function tlvValue(def: TlvDefinition): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'int8':
      return byte;
    case 'int16':
      return fc.integer({ min: 0, max: 0xffff });
    case 'int32':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'cstring':
      return cOctetString(def.maxLength);
    case 'octets':
      return octets(def.minLength, Math.min(def.maxLength, 300));
  }
}

const KNOWN_TAGS = new Set(TLV_DEFINITIONS.map((d) => d.tag));

/** Raw TLVs with tags the table does not know (vendor range included). */
const unknownTlvs = fc
  .array(
    fc.record({
      tag: fc.oneof(fc.integer({ min: 0x1400, max: 0x3fff }), fc.integer({ min: 0, max: 0xffff })),
      value: octets(0, 40),
    }),
    { maxLength: 3 },
  )
  .map((list) => list.filter((t) => !KNOWN_TAGS.has(t.tag)));

/** A `tlvs` object, or undefined when empty (the decoder never produces `tlvs: {}`). */
export const tlvsArbitrary: fc.Arbitrary<Record<string, unknown> | undefined> = fc
  .tuple(
    // A handful of known TLVs per PDU: realistic, and keeps generation fast.
    fc
      .subarray([...TLV_DEFINITIONS], { maxLength: 5 })
      .chain((defs) => fc.tuple(...defs.map((d) => tlvValue(d).map((v) => [d.name, v] as const)))),
    unknownTlvs,
  )
  .map(([known, unknown]) => {
    const tlvs: Record<string, unknown> = Object.fromEntries(known);
    if (unknown.length > 0) tlvs.unknown = unknown;
    return Object.keys(tlvs).length > 0 ? tlvs : undefined;
  });

/** A valid PDU of the given command: decode(encode(p)) must equal p. */
export function pduArbitrary<C extends CommandName>(command: C): fc.Arbitrary<Pdu> {
  const fields = PDU_SCHEMAS[command].fields as readonly FieldSpec[];
  return fc
    .record({
      header: fc.record({
        command_status: fc.integer({ min: 0, max: 0xffffffff }),
        sequence_number: fc.integer({ min: 0, max: 0x7fffffff }),
      }),
      body: fc.record(Object.fromEntries(fields.map((f) => [f.name, fieldArbitrary(f)]))),
      tlvs: tlvsArbitrary,
    })
    .map(({ header, body, tlvs }) => {
      const pdu: Record<string, unknown> = { command, ...header, ...body };
      if (tlvs !== undefined) {
        // §5.2.21: short_message and message_payload are never used together.
        const sm = body.short_message as Buffer | undefined;
        if (sm !== undefined && sm.length > 0) delete tlvs.message_payload;
        if (Object.keys(tlvs).length > 0) pdu.tlvs = tlvs;
      }
      return pdu as unknown as Pdu;
    });
}

/** A valid PDU of any command. */
export const anyPduArbitrary: fc.Arbitrary<Pdu> = fc.oneof(
  ...(Object.keys(PDU_SCHEMAS) as CommandName[]).map((c) => pduArbitrary(c)),
);
