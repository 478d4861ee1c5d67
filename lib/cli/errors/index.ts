export * from './cli-error.js';
export * from './usage-error.js';
export * from './config-error.js';
export * from './input-error.js';
export * from './bind-failure-error.js';
export * from './queue-unavailable-error.js';
