export * from './invalid-route.error.js';
export * from './no-route.error.js';
export * from './route-exhausted.error.js';
