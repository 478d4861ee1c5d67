export * from './redis-client.interface.js';
export * from './create-redis-client.js';
export * from './redis-outbound-queue-options.interface.js';
export * from './redis-outbound-queue.js';
export * from './missing-peer-dependency.error.js';
export * from './poison-message.error.js';
