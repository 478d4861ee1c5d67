export * from './bind.error.js';
export * from './connect.error.js';
export * from './response-timeout.error.js';
export * from './session-closed.error.js';
export * from './window-timeout.error.js';
