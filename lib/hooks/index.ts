export * from './smpp-hooks.interface.js';
export * from './noop-hooks.js';
export * from './logging-hooks.js';
