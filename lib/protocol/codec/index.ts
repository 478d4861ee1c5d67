export * from './encode-pdu.js';
export * from './decode-pdu.js';
export * from './field-spec.js';
export * from './pdu-schemas.js';
