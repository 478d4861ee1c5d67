export * from './message-ledger.interface.js';
export * from './in-memory-message-ledger.js';
export { MAX_FIND_LIMIT } from './find-messages-query.js';
export * from './postgres/index.js';
