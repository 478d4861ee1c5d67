import { describe, it, expect } from '@jest/globals';
import type { Tlvs } from './tlv.types.js';
import {
  isVendorTlvTag,
  TLV_DEFINITIONS,
  TlvTag,
  tlvDefinitionByName,
  tlvDefinitionByTag,
} from './tlv-tags.js';

describe('TLV table (SMPP 3.4 §5.3.2 Table 5-7, v5.0 Table 4-60)', () => {
  it('has one row per tag and per name', () => {
    expect(new Set(TLV_DEFINITIONS.map((d) => d.tag)).size).toBe(TLV_DEFINITIONS.length);
    expect(new Set(TLV_DEFINITIONS.map((d) => d.name)).size).toBe(TLV_DEFINITIONS.length);
  });

  it('covers every typed TLV of tlv.types.ts', () => {
    const names: Record<Exclude<keyof Tlvs, 'unknown'>, true> = Object.fromEntries(
      TLV_DEFINITIONS.map((d) => [d.name, true]),
    ) as Record<Exclude<keyof Tlvs, 'unknown'>, true>;
    expect(Object.keys(names)).toHaveLength(TLV_DEFINITIONS.length);
  });

  it('knows the tags users rely on', () => {
    expect(TlvTag.message_payload).toBe(0x0424);
    expect(TlvTag.receipted_message_id).toBe(0x001e);
    expect(TlvTag.congestion_state).toBe(0x0428);
    expect(tlvDefinitionByTag(0x0427)).toMatchObject({ name: 'message_state', type: 'int8' });
    expect(tlvDefinitionByName('network_error_code')).toMatchObject({
      type: 'octets',
      minLength: 3,
      maxLength: 3,
    });
    expect(tlvDefinitionByTag(0x1400)).toBeUndefined();
  });

  it('counts C-octet TLV limits with the NUL: receipted_message_id 1..65 (§5.3.2.12)', () => {
    expect(tlvDefinitionByName('receipted_message_id')).toMatchObject({ minLength: 1, maxLength: 65 });
  });

  it('marks 0x1400-0x3FFF as SMSC vendor specific (§5.3.1)', () => {
    expect(isVendorTlvTag(0x1400)).toBe(true);
    expect(isVendorTlvTag(0x3fff)).toBe(true);
    expect(isVendorTlvTag(0x4000)).toBe(false);
    expect(TLV_DEFINITIONS.some((d) => isVendorTlvTag(d.tag))).toBe(false);
  });
});
