/**
 * Injection tokens and metadata keys of the Nest module.
 *
 * @remarks
 * Tokens are named constants (never inline strings at use sites). Each `NazModule.forRoot()` registers its own
 * provider for every policy token, so two named clients can use different queues or limiters: override one in
 * that call's `extraProviders`.
 *
 * Every token is a string or a `Symbol.for` (never a module-local `Symbol()`), so the ESM and CommonJS builds of
 * the library, when an app loads both, agree on them (see `lib/tokens.ts`). Classes used as tokens
 * (`SmppClientService`, `SmppHealthIndicator`) are per copy by nature: inject them from the copy that registered the
 * module, or a named client through `@InjectSmppClient(name)`, whose token is a string.
 */

import { DEFAULT_NAZ_CLIENT_NAME } from '../tokens.js';

/** Name of the client when none is given (the same value as `DEFAULT_NAZ_CLIENT_NAME`, under the Nest module's name). */
export const DEFAULT_CLIENT_NAME = DEFAULT_NAZ_CLIENT_NAME;

/**
 * The outbound queue policy (`OutboundQueue`). Default: the bounded in-memory queue (`queueCapacity`).
 *
 * @example
 * ```ts
 * NazModule.forRoot({ ...options, extraProviders: [{ provide: NAZ_OUTBOUND_QUEUE, useClass: MyRedisQueue }] })
 * ```
 */
export { NAZ_OUTBOUND_QUEUE } from '../tokens.js';

/** The rate limiter policy (`RateLimiter`). Default: a token bucket from `rateLimit` (unlimited when absent). */
export { NAZ_RATE_LIMITER } from '../tokens.js';

/** The throttle policy (`ThrottleHandler`). Default: naz's sampling throttle handler from `throttle`. */
export { NAZ_THROTTLE_HANDLER } from '../tokens.js';

/** Request hooks (`SmppHooks`). Default: no-op hooks (the module adds its metrics hooks beside yours). */
export { NAZ_HOOKS } from '../tokens.js';

/** The correlation store (`Correlator`). Default: the in-memory correlator from `correlation`. */
export { NAZ_CORRELATOR } from '../tokens.js';

/** The structured logger (`NazLogger`). Default: Nest's `Logger` (context `Naz` or `Naz:<name>`). */
export { NAZ_LOGGER } from '../tokens.js';

/**
 * Reassembly store for inbound long messages (`MessageReassembler`). Default: the in-memory reassembler; bind
 * `RedisReassembler` when parts of one message can arrive on different replicas.
 */
export { NAZ_REASSEMBLER } from '../tokens.js';
export { NAZ_BIND_BUDGET } from '../tokens.js';

/**
 * The message ledger (`MessageLedger`) behind `SmppClientService.getMessage()` / `findMessages()`. Default: the
 * bounded `InMemoryMessageLedger`; bind `PostgresMessageLedger` (or `useValue: null` to record nothing).
 */
export { NAZ_MESSAGE_LEDGER } from '../tokens.js';

/** @internal The client's name inside one `NazModule` instance. */
export const NAZ_CLIENT_NAME = Symbol.for('nestjs-naz:NAZ_CLIENT_NAME');

/** @internal The engine (`SmppClient`) of one `NazModule` instance. */
export const NAZ_SMPP_CLIENT = Symbol.for('nestjs-naz:NAZ_SMPP_CLIENT');

/** @internal The Prometheus metrics of one `NazModule` instance (null when disabled or prom-client is absent). */
export const NAZ_METRICS = Symbol.for('nestjs-naz:NAZ_METRICS');

/** @internal The OpenTelemetry tracing of one `NazModule` instance (null unless `tracing` is on). */
export const NAZ_TRACING = Symbol.for('nestjs-naz:NAZ_TRACING');

/** @internal Metadata key under which handler decorators store their {@link NazHandlerMetadata} list. */
export const NAZ_HANDLER_METADATA = 'naz:handlers';

/** @internal The module options as given to `forRoot()` / returned by the `forRootAsync()` factory. */
export const NAZ_MODULE_OPTIONS = Symbol.for('nestjs-naz:NAZ_MODULE_OPTIONS');

/** @internal The client options after `validateClientOptions` (defaults applied). */
export const NAZ_RESOLVED_OPTIONS = Symbol.for('nestjs-naz:NAZ_RESOLVED_OPTIONS');
