import type { CapacityUnit } from '../encoding/text-codec.interface.js';

/** UDH information element identifiers for concatenation (TS 23.040 §9.2.3.24.1 and .8). */
export const ConcatIei = {
  /** Concatenated short messages, 8-bit reference: `00 03 ref total seq`. */
  CONCAT_8BIT: 0x00,
  /** Concatenated short messages, 16-bit reference: `08 04 refHi refLo total seq`. */
  CONCAT_16BIT: 0x08,
} as const;

/** esm_class bit 6: the short_message starts with a user data header (SMPP 3.4 §5.2.12). */
export const ESM_CLASS_UDHI = 0x40;

/** short_message holds at most 254 octets (SMPP 3.4 §5.2.21: sm_length 255 is not allowed). */
export const MAX_SHORT_MESSAGE_OCTETS = 254;

/** The message_payload TLV length is two octets: "up to 64K octets" (SMPP 3.4 §5.3.2.32). */
export const MAX_MESSAGE_PAYLOAD_OCTETS = 0xffff;

/**
 * Characters per part, in each codec's unit: one GSM message is 140 octets of user data, minus the
 * user data header when there is one (6 octets with an 8-bit reference, 7 with a 16-bit one).
 * GSM 7-bit: 160 single, 153 / 152 with a UDH; 8-bit: 140 / 134 / 133; UCS2: 70 / 67 / 66 code units.
 * SAR carries the concatenation in TLVs, so every part has the full single-message capacity.
 */
export const PART_CAPACITY: Readonly<
  Record<CapacityUnit, { single: number; udh8: number; udh16: number; sar: number }>
> = {
  septet: { single: 160, udh8: 153, udh16: 152, sar: 160 },
  octet: { single: 140, udh8: 134, udh16: 133, sar: 140 },
  ucs2: { single: 70, udh8: 67, udh16: 66, sar: 70 },
};

/** How long-message parts are linked (see `splitMessage`). */
export type SplitMethod = 'udh8' | 'udh16' | 'sar' | 'payload';
