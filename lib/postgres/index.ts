export * from './pg-client.interface.js';
export { InvalidIdentifierError, quoteIdentifier } from './quote-identifier.js';
