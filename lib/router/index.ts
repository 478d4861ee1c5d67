/**
 * Routing and failover over several SMPP clients, without Nest: `SmppRouter`, its options, events and errors.
 */
export * from './errors/index.js';
export * from './router-options.interface.js';
export * from './resolved-router-options.interface.js';
export * from './router-events.interface.js';
export * from './router-status.interface.js';
export * from './routable-client.interface.js';
export * from './circuit-breaker.js';
export * from './route-table.js';
export * from './candidate-order.js';
export * from './validate-router-options.js';
export * from './smpp-router.js';
