export * from './pdu-decode.error.js';
export * from './framing.error.js';
export * from './pdu-encode.error.js';
