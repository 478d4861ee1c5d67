export * from './throttle-handler.interface.js';
export * from './sampling-throttle-handler.js';
export * from './shared-throttle-handler.js';
