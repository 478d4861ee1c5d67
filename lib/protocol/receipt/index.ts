export * from './delivery-receipt.interface.js';
export * from './format-delivery-receipt-text.js';
export * from './is-delivery-receipt.js';
export * from './message-state.constants.js';
export * from './normalize-message-id.js';
export * from './parse-delivery-receipt.js';
export * from './parse-receipt-date.js';
export * from './parse-receipt-text.js';
