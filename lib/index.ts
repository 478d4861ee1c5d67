/**
 * nestjs-naz: an SMPP 3.4 client with pluggable policies, for NestJS and plain Node.
 *
 * Layers, bottom up: protocol (pure codec, encodings, long messages, receipts) → session (one connection) →
 * client (reconnect, queue, rate limit, throttle, correlation) → Nest module.
 */
// Protocol layer.
export * from './protocol/index.js';
export * from './protocol/encoding/index.js';
export * from './protocol/long-message/index.js';
export * from './protocol/receipt/index.js';
// Session layer. (session/sequence-generator.ts re-declares MAX_SEQUENCE_NUMBER; the protocol's one is exported.)
export * from './session/index.js';
export { MAX_SEQUENCE_NUMBER } from './protocol/index.js';
// Client.
export * from './client/index.js';
// Policies: interfaces and in-memory defaults.
export * from './queue/outbound-queue.interface.js';
export * from './queue/in-memory-outbound-queue.js';
export * from './rate-limit/index.js';
export * from './throttle/index.js';
export * from './hooks/index.js';
export * from './correlation/correlator.interface.js';
export * from './correlation/in-memory-correlator.js';
export * from './logging/index.js';
// Errors of every layer (also reachable above; listed for `import { ... } from 'nestjs-naz/errors'`-style discovery).
export * from './errors/index.js';

// Durable adapters (Redis, RabbitMQ): ioredis and amqplib are optional peers, imported only when used.
export * from './queue/serialization/index.js';
export * from './queue/redis/index.js';
export * from './queue/rabbitmq/index.js';
export * from './correlation/redis/index.js';
export * from './reassembly/index.js';
export * from './nest/index.js';
// Routing and failover over several clients (the Nest face is NazModule.forRouter in ./nest).
export * from './router/index.js';
// The SMSC simulator (also the `naz-smsc` bin), for tests and local development.
export * from './simulator/index.js';
// Nest-shaped providers for your own policy classes, without importing Nest here.
export {
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazInjectionToken,
  type NazPolicyProviderOptions,
} from './tokens.js';
