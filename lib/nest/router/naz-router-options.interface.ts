import type { Provider } from '@nestjs/common';
import type { LogLevel } from '../../logging/naz-logger.interface.js';
import type { RouterOptions } from '../../router/router-options.interface.js';
import type { NazMetricsOptions } from '../interfaces/naz-module-options.interface.js';

/**
 * Options of `NazModule.forRouter()`: the routes and failover rules (`RouterOptions`), plus the Nest-only settings.
 *
 * @remarks
 * Checked at start-up: an empty route, a duplicate prefix or a client no `NazModule.forRoot({ name })` registers
 * stops the app with an `InvalidRouteError` naming the route.
 */
export interface NazRouterModuleOptions extends RouterOptions {
  /** Prometheus counters of the router (`naz_router_*`); `false` turns them off. @default on when prom-client is installed */
  metrics?: boolean | NazMetricsOptions;
  /** Lowest level the router logs. @default 'info' */
  logLevel?: LogLevel;
}

/** Extra settings of `forRouter()` / `forRouterAsync()` that shape the Nest module. */
export interface NazRouterModuleExtras {
  /**
   * Name of this router, when an app has several; inject a named one with `@InjectSmppRouter(name)`.
   * @default 'default'
   */
  name?: string;
  /** Make the router injectable in every module without importing it there. @default false */
  isGlobal?: boolean;
  /**
   * Providers added to the router's module: bind `NAZ_ROUTER_QUEUE` to a durable `OutboundQueue` (Redis,
   * RabbitMQ...) so queued messages survive a crash. @default []
   */
  extraProviders?: Provider[];
}
