export * from './pg-client.interface.js';
export * from './quote-identifier.js';
export { createPgPool } from './load-pg.js';
export * from './turn-batcher.js';
export * from './notification-listener.js';
