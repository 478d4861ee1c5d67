/** Octets in every PDU header: command_length, command_id, command_status, sequence_number (SMPP 3.4 §3.2). */
export const PDU_HEADER_LENGTH = 16;

/** Largest sequence_number a sender may use (§5.1.4: 0x00000001-0x7FFFFFFF). */
export const MAX_SEQUENCE_NUMBER = 0x7fffffff;

/** Largest short_message: sm_length 255 is not allowed (§5.2.21). */
export const MAX_SHORT_MESSAGE_LENGTH = 254;

/** Largest number_of_dests of a submit_multi (§5.2.24). */
export const MAX_SUBMIT_MULTI_DESTINATIONS = 254;

/**
 * Default upper bound for command_length accepted by `PduFramer`: room for a 64K `message_payload`
 * (§5.3.2.32) plus the header, mandatory fields and other TLVs.
 */
export const DEFAULT_MAX_COMMAND_LENGTH = 70_000;
