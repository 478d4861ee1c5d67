export * from './redis-rate-limiter.js';
export * from './redis-rate-limiter-options.interface.js';
