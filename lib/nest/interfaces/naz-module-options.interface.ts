import type { Provider } from '@nestjs/common';
import type { SmppClientOptions } from '../../client/smpp-client-options.interface.js';
import type { OtelTracingOptions } from '../../tracing/otel-tracing-options.interface.js';

/**
 * Prometheus metrics settings.
 *
 * @remarks
 * Metrics need the optional peer `prom-client`: when the app does not have it, the module logs one debug line and
 * carries on without metrics.
 */
export interface NazMetricsOptions {
  /** @default true when prom-client can be loaded */
  enabled?: boolean;
  /**
   * A prom-client `Registry` to register the metrics in.
   * @default prom-client's global `register`
   */
  registry?: unknown;
  /** Buckets (seconds) of the submit→response latency histogram. @default [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] */
  latencyBuckets?: number[];
}

/**
 * Options of `NazModule.forRoot()`: every `SmppClientOptions` (host, port, systemId, password, windowSize,
 * rateLimit, retry...) plus the Nest-only settings below.
 *
 * @remarks
 * Validated at start-up by the engine's `validateClientOptions`: a bad value stops the application with an
 * `InvalidOptionsError` naming the option and the rule (`rateLimit.perSecond must be > 0, got 0`).
 */
export interface NazModuleOptions extends Omit<SmppClientOptions, 'name'> {
  /** Prometheus metrics; `false` turns them off. @default enabled when prom-client is installed */
  metrics?: boolean | NazMetricsOptions;
  /**
   * OpenTelemetry spans for every message (see the README's "Tracing" section). Needs the optional peer
   * `@opentelemetry/api`: start-up fails with `MissingPeerDependencyError` when it is asked for and absent.
   * @default false (nothing of OpenTelemetry is loaded)
   */
  tracing?: boolean | OtelTracingOptions;
}

/**
 * Extra settings of `forRoot()` / `forRootAsync()` that shape the Nest module rather than the SMPP client.
 */
export interface NazModuleExtras {
  /**
   * Name of this client: register the module once per SMSC account, each with its own name, and inject each with
   * `@InjectSmppClient(name)`.
   * @default 'default'
   */
  name?: string;
  /** Make the client injectable in every module without importing `NazModule` there. @default false */
  isGlobal?: boolean;
  /**
   * Providers added to this client's module, after the defaults: use them to replace a policy token
   * (`NAZ_OUTBOUND_QUEUE`, `NAZ_RATE_LIMITER`, `NAZ_THROTTLE_HANDLER`, `NAZ_HOOKS`, `NAZ_CORRELATOR`,
   * `NAZ_LOGGER`) with a class, factory or value provider.
   * @default []
   */
  extraProviders?: Provider[];
}
