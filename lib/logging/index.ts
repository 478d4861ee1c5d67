export * from './naz-logger.interface.js';
export * from './redact-secrets.js';
export * from './mask-secrets-in-text.js';
export * from './json-logger.js';
export * from './safe-logger.js';
