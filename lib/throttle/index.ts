export * from './throttle-handler.interface.js';
export * from './sampling-throttle-handler.js';
