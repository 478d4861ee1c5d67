import type { ClientStats } from '../../client/client-stats.interface.js';
import type { SmppClient } from '../../client/smpp-client.js';
import type { SmppClientEvents } from '../../client/client-events.interface.js';
import type { HookContext, SmppHooks } from '../../hooks/smpp-hooks.interface.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { statusName } from '../../protocol/command-status.js';
import type { NazMetricsOptions } from '../interfaces/naz-module-options.interface.js';
import { loadPromClient } from './load-prom-client.js';
import { NAZ_METRIC_NAMES } from './naz-metric-names.js';
import type {
  Labels,
  PromClientModule,
  PromCounter,
  PromGauge,
  PromHistogram,
  PromRegistry,
} from './prom-client.types.js';

const DEFAULT_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type StatsOf = () => ClientStats;

/** The metric objects of one registry, shared by every client registered in it. */
interface SharedMetrics {
  requests: PromCounter;
  responses: PromCounter;
  inboundPdus: PromCounter;
  submitLatency: PromHistogram;
  messages: PromCounter;
  receipts: PromCounter;
  receiptsUncorrelated: PromCounter;
  inFlight: PromGauge;
  queueDepth: PromGauge;
  boundSessions: PromGauge;
  standbySessions: PromGauge;
  reconnects: PromCounter;
  /** Live clients, read when Prometheus scrapes (keyed by instance: two apps may reuse a client name). */
  sources: Map<NazMetrics, { client: string; stats: StatsOf; reportedReconnects: number }>;
}

// One set of metrics per registry: prom-client refuses to register a name twice.
const sharedByRegistry = new WeakMap<object, SharedMetrics>();

/**
 * @internal Prometheus metrics of one client: counters and the latency histogram through hooks and events,
 * gauges read from `stats()` when Prometheus scrapes.
 */
export class NazMetrics {
  private readonly unsubscribers: Array<() => void> = [];

  private constructor(
    private readonly shared: SharedMetrics,
    private readonly clientName: string,
  ) {}

  /**
   * The metrics of client `clientName`, or null when turned off or prom-client cannot be loaded (logged at
   * debug level: metrics are optional).
   */
  static async create(
    settings: boolean | NazMetricsOptions | undefined,
    clientName: string,
    logger: NazLogger,
    load: () => Promise<PromClientModule | undefined> = () => loadPromClient(),
  ): Promise<NazMetrics | null> {
    const options: NazMetricsOptions =
      typeof settings === 'object' ? settings : { enabled: settings ?? true };
    if (options.enabled === false) return null;
    const prom = await load();
    if (!prom) {
      logger.debug('prom-client is not installed: Prometheus metrics are off', { client: clientName });
      return null;
    }
    const registry = (options.registry ?? prom.register) as PromRegistry & object;
    try {
      let shared = sharedByRegistry.get(registry);
      if (!shared) {
        shared = createSharedMetrics(prom, registry, options.latencyBuckets ?? DEFAULT_LATENCY_BUCKETS);
        sharedByRegistry.set(registry, shared);
      }
      return new NazMetrics(shared, clientName);
    } catch (error) {
      logger.warn('Prometheus metrics are off: they could not be registered', {
        client: clientName,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  /** Hooks that count requests and responses and time submit_sm round trips. */
  readonly hooks: SmppHooks = {
    beforeRequest: (context: HookContext) => {
      const { command } = context.request;
      this.shared.requests.inc({ client: this.clientName, command });
    },
    afterResponse: (context) => {
      const { response, request } = context;
      this.shared.responses.inc({
        client: this.clientName,
        command: response.command,
        status: statusName(response.command_status),
      });
      if (request.command === 'submit_sm') {
        this.shared.submitLatency.observe({ client: this.clientName }, context.elapsedMs / 1000);
      }
    },
  };

  /** Starts following a client's events and exposes its `stats()` to the gauges. */
  attach(client: SmppClient): void {
    const labels: Labels = { client: this.clientName };
    this.shared.sources.set(this, {
      client: this.clientName,
      stats: () => client.stats(),
      reportedReconnects: 0,
    });
    this.on(client, 'submitted', () => this.shared.messages.inc({ ...labels, result: 'submitted' }));
    this.on(client, 'failed', () => this.shared.messages.inc({ ...labels, result: 'failed' }));
    this.on(client, 'pdu', (event) => this.shared.inboundPdus.inc({ ...labels, command: event.pdu.command }));
    this.on(client, 'deliveryReceipt', (event) => {
      this.shared.receipts.inc({ ...labels, state: event.receipt.state });
      if (event.correlationId === undefined) this.shared.receiptsUncorrelated.inc(labels);
    });
  }

  /** Stops following the client; its gauges disappear (counters keep their totals, as Prometheus expects). */
  detach(): void {
    for (const off of this.unsubscribers.splice(0)) off();
    this.shared.sources.delete(this);
    const labels: Labels = { client: this.clientName };
    this.shared.inFlight.remove(labels);
    this.shared.queueDepth.remove(labels);
    this.shared.boundSessions.remove(labels);
    this.shared.standbySessions.remove(labels);
  }

  private on<K extends keyof SmppClientEvents>(
    client: SmppClient,
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): void {
    const safe = (...args: SmppClientEvents[K]) => {
      try {
        listener(...args);
      } catch {
        // Metrics must never disturb the traffic they measure.
      }
    };
    client.on(event, safe);
    this.unsubscribers.push(() => client.off(event, safe));
  }
}

function createSharedMetrics(
  prom: PromClientModule,
  registry: PromRegistry,
  buckets: readonly number[],
): SharedMetrics {
  const registers = [registry];
  const sources: SharedMetrics['sources'] = new Map();
  const gaugeOf = (name: string, help: string, read: (stats: ClientStats) => number | undefined) =>
    new prom.Gauge({
      name,
      help,
      labelNames: ['client'],
      registers,
      collect() {
        for (const { client, ...source } of sources.values()) {
          const value = read(source.stats());
          if (value !== undefined) this.set?.({ client }, value);
        }
      },
    });
  return {
    sources,
    requests: new prom.Counter({
      name: NAZ_METRIC_NAMES.requests,
      help: 'SMPP requests sent, by command',
      labelNames: ['client', 'command'],
      registers,
    }),
    responses: new prom.Counter({
      name: NAZ_METRIC_NAMES.responses,
      help: 'SMPP responses received, by command and command_status name',
      labelNames: ['client', 'command', 'status'],
      registers,
    }),
    inboundPdus: new prom.Counter({
      name: NAZ_METRIC_NAMES.inboundPdus,
      help: 'PDUs received from the SMSC, by command',
      labelNames: ['client', 'command'],
      registers,
    }),
    submitLatency: new prom.Histogram({
      name: NAZ_METRIC_NAMES.submitLatency,
      help: 'Time from submit_sm sent to submit_sm_resp received, in seconds',
      labelNames: ['client'],
      buckets,
      registers,
    }),
    messages: new prom.Counter({
      name: NAZ_METRIC_NAMES.messages,
      help: 'Messages finished, by result (submitted: accepted by the SMSC; failed: for good)',
      labelNames: ['client', 'result'],
      registers,
    }),
    receipts: new prom.Counter({
      name: NAZ_METRIC_NAMES.receipts,
      help: 'Delivery receipts received, by final state',
      labelNames: ['client', 'state'],
      registers,
    }),
    receiptsUncorrelated: new prom.Counter({
      name: NAZ_METRIC_NAMES.receiptsUncorrelated,
      help: 'Delivery receipts reported without a correlationId (message id unknown, or not stored in time)',
      labelNames: ['client'],
      registers,
    }),
    inFlight: gaugeOf(NAZ_METRIC_NAMES.inFlight, 'Requests awaiting a response', (s) => s.inFlight),
    queueDepth: gaugeOf(
      NAZ_METRIC_NAMES.queueDepth,
      'Messages waiting in the outbound queue',
      (s) => s.queueDepth,
    ),
    standbySessions: gaugeOf(
      NAZ_METRIC_NAMES.standbySessions,
      "Sessions in standby, waiting for a lease of the account's bind budget",
      (s) => s.standbySessions,
    ),
    boundSessions: gaugeOf(
      NAZ_METRIC_NAMES.boundSessions,
      'Sessions currently bound',
      (s) => s.boundSessions,
    ),
    // A counter fed from stats() at scrape time: only the increase since the last scrape is added.
    reconnects: new prom.Counter({
      name: NAZ_METRIC_NAMES.reconnects,
      help: 'Reconnections after a lost or failed session',
      labelNames: ['client'],
      registers,
      collect() {
        for (const source of sources.values()) {
          const { client } = source;
          const total = source.stats().reconnects;
          if (total > source.reportedReconnects) {
            this.inc?.({ client }, total - source.reportedReconnects);
            source.reportedReconnects = total;
          }
        }
      },
    }),
  };
}
