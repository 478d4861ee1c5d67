/**
 * The SMPP client: `SmppClient`, its options and events, validation, and the client's error classes.
 */
export * from './errors/index.js';
export * from '../message/outbound-message.interface.js';
export * from './smpp-client-options.interface.js';
export * from './resolved-smpp-client-options.interface.js';
export * from './smpp-client-policies.interface.js';
export * from './client-events.interface.js';
export * from './client-stats.interface.js';
export * from './submit-result.interface.js';
export * from './smpp-client.js';
export * from './validate-client-options.js';
export * from './validate-outbound-message.js';
export * from './build-submit-pdus.js';
export * from './backoff.js';
export * from './congestion-controller.js';
export * from './client-state.js';
