import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { CircuitState } from '../../router/circuit-breaker.js';
import type { RouterStatus } from '../../router/router-status.interface.js';
import type { SmppRouter } from '../../router/smpp-router.js';
import type { NazMetricsOptions } from '../interfaces/naz-module-options.interface.js';
import { loadPromClient } from './load-prom-client.js';
import { NAZ_ROUTER_METRIC_NAMES } from './naz-router-metric-names.js';
import type { PromClientModule, PromCounter, PromGauge, PromRegistry } from './prom-client.types.js';

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The router metrics of one registry, shared by every router registered in it. */
interface SharedRouterMetrics {
  messages: PromCounter;
  failovers: PromCounter;
  circuitState: PromGauge;
  usableClients: PromGauge;
  /** Live routers, read when Prometheus scrapes. */
  sources: Map<NazRouterMetrics, { router: string; status: () => RouterStatus }>;
}

// prom-client refuses to register a name twice in one registry.
const sharedByRegistry = new WeakMap<object, SharedRouterMetrics>();

/**
 * @internal Prometheus metrics of one router: counters from its events, gauges read from `status()` at scrape time.
 */
export class NazRouterMetrics {
  private readonly unsubscribers: Array<() => void> = [];

  private constructor(
    private readonly shared: SharedRouterMetrics,
    private readonly routerName: string,
  ) {}

  /** The metrics of router `routerName`, or null when off or prom-client cannot be loaded. */
  static async create(
    settings: boolean | NazMetricsOptions | undefined,
    routerName: string,
    logger: NazLogger,
    load: () => Promise<PromClientModule | undefined> = () => loadPromClient(),
  ): Promise<NazRouterMetrics | null> {
    const options: NazMetricsOptions =
      typeof settings === 'object' ? settings : { enabled: settings ?? true };
    if (options.enabled === false) return null;
    const prom = await load();
    if (!prom) {
      logger.debug('prom-client is not installed: router metrics are off', { router: routerName });
      return null;
    }
    const registry = (options.registry ?? prom.register) as PromRegistry & object;
    try {
      let shared = sharedByRegistry.get(registry);
      if (!shared) {
        shared = createShared(prom, registry);
        sharedByRegistry.set(registry, shared);
      }
      return new NazRouterMetrics(shared, routerName);
    } catch (error) {
      logger.warn('router metrics are off: they could not be registered', {
        router: routerName,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  /** Counts the router's outcomes and failovers; exposes its status to the gauges. */
  attach(router: SmppRouter): void {
    const name = this.routerName;
    this.shared.sources.set(this, { router: name, status: () => router.status() });
    const routed = (e: { route: string; client: string }) =>
      this.count(() =>
        this.shared.messages.inc({ router: name, route: e.route, client: e.client, result: 'routed' }),
      );
    const failed = (e: { route: string; client?: string }) =>
      this.count(() =>
        this.shared.messages.inc({
          router: name,
          route: e.route,
          client: e.client ?? 'none',
          result: 'failed',
        }),
      );
    const failover = (e: {
      route: string;
      from: string;
      to: string | null;
      reason: string;
      status?: string;
    }) =>
      this.count(() =>
        this.shared.failovers.inc({
          router: name,
          route: e.route,
          from: e.from,
          to: e.to ?? 'none',
          reason: e.status ?? e.reason,
        }),
      );
    router.on('routed', routed);
    router.on('failed', failed);
    router.on('failover', failover);
    this.unsubscribers.push(
      () => router.off('routed', routed),
      () => router.off('failed', failed),
      () => router.off('failover', failover),
    );
  }

  /** Stops following the router; its gauges disappear (counters keep their totals). */
  detach(): void {
    for (const off of this.unsubscribers.splice(0)) off();
    const source = this.shared.sources.get(this);
    this.shared.sources.delete(this);
    if (!source) return;
    const status = source.status();
    for (const client of Object.keys(status.clients)) {
      this.shared.circuitState.remove({ router: this.routerName, client });
    }
    for (const route of status.routes) {
      this.shared.usableClients.remove({ router: this.routerName, route: route.name });
    }
  }

  private count(increment: () => void): void {
    try {
      increment();
    } catch {
      // Metrics must never disturb the traffic they measure.
    }
  }
}

function createShared(prom: PromClientModule, registry: PromRegistry): SharedRouterMetrics {
  const registers = [registry];
  const sources: SharedRouterMetrics['sources'] = new Map();
  return {
    sources,
    messages: new prom.Counter({
      name: NAZ_ROUTER_METRIC_NAMES.messages,
      help: 'Messages decided by the router, by route, handling client and result (routed, failed)',
      labelNames: ['router', 'route', 'client', 'result'],
      registers,
    }),
    failovers: new prom.Counter({
      name: NAZ_ROUTER_METRIC_NAMES.failovers,
      help: 'Messages moved from one client of their route to the next, by reason',
      labelNames: ['router', 'route', 'from', 'to', 'reason'],
      registers,
    }),
    circuitState: new prom.Gauge({
      name: NAZ_ROUTER_METRIC_NAMES.circuitState,
      help: 'Circuit breaker of each client: 0 closed, 1 half-open, 2 open',
      labelNames: ['router', 'client'],
      registers,
      collect() {
        for (const { router, status } of sources.values()) {
          for (const [client, s] of Object.entries(status().clients)) {
            this.set?.({ router, client }, CIRCUIT_VALUE[s.circuit]);
          }
        }
      },
    }),
    usableClients: new prom.Gauge({
      name: NAZ_ROUTER_METRIC_NAMES.usableClients,
      help: 'Usable clients of each route (0: the route cannot send)',
      labelNames: ['router', 'route'],
      registers,
      collect() {
        for (const { router, status } of sources.values()) {
          for (const route of status().routes)
            this.set?.({ router, route: route.name }, route.usableClients.length);
        }
      },
    }),
  };
}
