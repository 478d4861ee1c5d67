/**
 * The SMPP protocol layer: PDU types, encode/decode, stream framing, constants. Pure functions, no I/O.
 */
export * from './pdu.types.js';
export * from './tlv.types.js';
export * from './pdu.constants.js';
export * from './command-ids.js';
export * from './command-status.js';
export * from './tlv-tags.js';
export * from './framer.js';
export * from './errors/index.js';
export * from './codec/index.js';
export * from './encoding/index.js';
export * from './long-message/index.js';
export * from './receipt/index.js';
