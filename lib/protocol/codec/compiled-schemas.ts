/**
 * The schema table turned into lookup structures for the hot paths: numeric field kinds (a switch on a
 * small integer beats comparing strings) and command lookup by name and by id.
 */
import { CommandId, RESPONSE_BIT } from '../command-ids.js';
import type { CommandName } from '../pdu.types.js';
import { TLV_DEFINITIONS, type TlvDefinition } from '../tlv-tags.js';
import type { FieldKind, FieldSpec } from './field-spec.js';
import { PDU_SCHEMAS } from './pdu-schemas.js';

export const KIND_INT8 = 0;
export const KIND_CSTRING = 1;
export const KIND_TIME = 2;
export const KIND_SHORT_MESSAGE = 3;
export const KIND_DEST_ADDRESSES = 4;
export const KIND_UNSUCCESS_SME = 5;

const KIND_CODE: Record<FieldKind, number> = {
  int8: KIND_INT8,
  cstring: KIND_CSTRING,
  time: KIND_TIME,
  short_message: KIND_SHORT_MESSAGE,
  dest_addresses: KIND_DEST_ADDRESSES,
  unsuccess_sme: KIND_UNSUCCESS_SME,
};

/** A field of the schema table with its kind as a number. */
export interface CompiledField {
  readonly name: string;
  readonly kind: number;
  readonly maxLength: number;
  readonly spec: FieldSpec;
}

/** A command of the schema table, ready for encodePdu/decodePdu. */
export interface CompiledSchema {
  readonly command: CommandName;
  readonly commandId: number;
  readonly isResponse: boolean;
  readonly fields: readonly CompiledField[];
}

function compile(command: CommandName): CompiledSchema {
  const schema = PDU_SCHEMAS[command];
  return {
    command,
    commandId: CommandId[command],
    isResponse: CommandId[command] >= RESPONSE_BIT,
    fields: schema.fields.map((spec: FieldSpec) => ({
      name: spec.name,
      kind: KIND_CODE[spec.kind],
      maxLength: spec.maxLength,
      spec,
    })),
  };
}

const ALL: readonly CompiledSchema[] = (Object.keys(PDU_SCHEMAS) as CommandName[]).map(compile);

/** Compiled schemas by command name. */
export const SCHEMA_BY_NAME: ReadonlyMap<string, CompiledSchema> = new Map(ALL.map((s) => [s.command, s]));

/** Compiled schemas by command_id. */
export const SCHEMA_BY_ID: ReadonlyMap<number, CompiledSchema> = new Map(ALL.map((s) => [s.commandId, s]));

/** TLV definitions indexed directly by tag (dense up to the highest known tag) for the decoder. */
export const TLV_BY_TAG: readonly (TlvDefinition | undefined)[] = (() => {
  const max = Math.max(...TLV_DEFINITIONS.map((d) => d.tag));
  const table: (TlvDefinition | undefined)[] = new Array<TlvDefinition | undefined>(max + 1).fill(undefined);
  for (const d of TLV_DEFINITIONS) table[d.tag] = d;
  return table;
})();

/** TLV definitions by name for the encoder. */
export const TLV_BY_NAME: ReadonlyMap<string, TlvDefinition> = new Map(
  TLV_DEFINITIONS.map((d) => [d.name, d]),
);
