export * from './rate-limiter.interface.js';
export * from './adjustable-rate-limiter.interface.js';
export * from './token-bucket-rate-limiter.js';
export * from './unlimited-rate-limiter.js';
export * from './shared-throttle-signal.interface.js';
