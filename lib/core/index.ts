/**
 * `nestjs-naz/core`: the SMPP engine without Nest, for plain Node (workers, scripts, other frameworks).
 *
 * @remarks
 * Everything here runs without `@nestjs/*`, rxjs or reflect-metadata installed, and importing it loads none of
 * them (a test checks it on the built package). The root entry `nestjs-naz` re-exports all of it and adds the
 * Nest module; `nestjs-naz/health` and `nestjs-naz/simulator` stay separate entries.
 *
 * Layers, bottom up: protocol (pure codec, encodings, long messages, receipts) → session (one connection) →
 * client (reconnect, queue, rate limit, throttle, correlation).
 *
 * @example
 * ```ts
 * import { SmppClient } from 'nestjs-naz/core';
 *
 * const client = new SmppClient({ host: 'smsc.example.com', port: 2775, systemId: 'acme', password: 'secret' });
 * await client.start();
 * ```
 *
 * @packageDocumentation
 */
// Protocol layer.
export * from '../protocol/index.js';
export * from '../protocol/encoding/index.js';
export * from '../protocol/long-message/index.js';
export * from '../protocol/receipt/index.js';
// Session layer.
export * from '../session/index.js';
// Client.
export * from '../client/index.js';
// Policies: interfaces and in-memory defaults.
export * from '../queue/outbound-queue.interface.js';
export * from '../queue/in-memory-outbound-queue.js';
export * from '../rate-limit/index.js';
export * from '../throttle/index.js';
export * from '../hooks/index.js';
export * from '../tracing/index.js';
export * from '../correlation/correlator.interface.js';
export * from '../correlation/in-memory-correlator.js';
export * from '../logging/index.js';
// Every error class of every layer, and the guards that recognise them across the ESM and CommonJS copies.
export * from '../errors/index.js';

// Durable adapters (Redis, RabbitMQ): ioredis and amqplib are optional peers, imported only when used.
export * from '../queue/serialization/index.js';
export * from '../queue/redis/index.js';
export * from '../queue/rabbitmq/index.js';
// PostgreSQL: the transactional outbox and the message ledger (pg is an optional peer, imported only when used).
export * from '../postgres/index.js';
export * from '../queue/postgres/index.js';
export * from '../ledger/index.js';
export * from '../correlation/redis/index.js';
// Scale-out as one account (Redis): the shared rate limit and bind budget.
export * from '../rate-limit/redis/index.js';
export * from '../cluster/index.js';
export * from '../reassembly/index.js';
// Routing and failover over several clients (the Nest face is NazModule.forRouter).
export * from '../router/index.js';
// The SMSC simulator (also the `naz-smsc` bin and the `nestjs-naz/simulator` entry), for tests and local development.
export * from '../simulator/index.js';
// Policy tokens, and Nest-shaped providers for your own policy classes, built without importing Nest.
export {
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_THROTTLE_HANDLER,
  NAZ_HOOKS,
  NAZ_CORRELATOR,
  NAZ_LOGGER,
  NAZ_REASSEMBLER,
  NAZ_BIND_BUDGET,
  NAZ_MESSAGE_LEDGER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazInjectionToken,
  type NazPolicyProviderOptions,
} from '../tokens.js';
