export * from '../../redis/index.js';
export * from './redis-outbound-queue-options.interface.js';
export * from './redis-outbound-queue.js';
export * from '../../errors/missing-peer-dependency.error.js';
export * from './poison-message.error.js';
