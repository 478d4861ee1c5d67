/**
 * nestjs-naz: an SMPP 3.4 client with pluggable policies, for NestJS and plain Node.
 *
 * @remarks
 * The Nest-first entry: the engine of `nestjs-naz/core` (protocol, session, client, policies, durable adapters,
 * simulator, errors, logging) plus the Nest module (`NazModule`, `SmppClientService`, handler decorators). A
 * plain-Node app imports `nestjs-naz/core` instead, which loads nothing of Nest.
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './nest/index.js';
