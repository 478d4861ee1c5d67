// Every token is a `Symbol.for` (see naz.constants.ts): the ESM and CommonJS copies of the library share it.

/** Name of the router when none is given. */
export const DEFAULT_ROUTER_NAME = 'default';

/**
 * The router's queue (`OutboundQueue`) that `SmppRouterService.send()` fills. Default: an in-memory queue of
 * `queueCapacity`; bind a durable one in `extraProviders` to survive a crash.
 *
 * @example
 * ```ts
 * NazModule.forRouter({ routes, extraProviders: [{ provide: NAZ_ROUTER_QUEUE, useFactory: () => new RedisOutboundQueue(...) }] })
 * ```
 */
export const NAZ_ROUTER_QUEUE = Symbol.for('nestjs-naz:NAZ_ROUTER_QUEUE');

/** @internal The router options as given to `forRouter()` / returned by the `forRouterAsync()` factory. */
export const NAZ_ROUTER_OPTIONS = Symbol.for('nestjs-naz:NAZ_ROUTER_OPTIONS');

/** @internal The router's name inside one router module. */
export const NAZ_ROUTER_NAME = Symbol.for('nestjs-naz:NAZ_ROUTER_NAME');

/** @internal The router's logger. */
export const NAZ_ROUTER_LOGGER = Symbol.for('nestjs-naz:NAZ_ROUTER_LOGGER');

/** @internal The router's Prometheus counters (null when off or prom-client is absent). */
export const NAZ_ROUTER_METRICS = Symbol.for('nestjs-naz:NAZ_ROUTER_METRICS');
