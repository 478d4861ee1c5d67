export * from './invalid-message.error.js';
export * from './invalid-options.error.js';
export * from '../../queue/queue-full.error.js';
export * from './smsc-request.error.js';
export * from './submit.error.js';
export * from './not-bound.error.js';
