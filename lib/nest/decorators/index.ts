export * from './on-deliver-sm.decorator.js';
export * from './on-delivery-receipt.decorator.js';
export * from './on-submit-result.decorator.js';
export * from './on-router-result.decorator.js';
export * from './on-session-state.decorator.js';
export * from './on-pdu.decorator.js';
export * from './inject-smpp-client.decorator.js';
