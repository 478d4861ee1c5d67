import { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmppClientOptions } from '../../lib/client/smpp-client-options.interface.js';
import type { SmppClientPolicies } from '../../lib/client/smpp-client-policies.interface.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import type {
  RoutedEvent,
  RouterFailedEvent,
  FailoverEvent,
} from '../../lib/router/router-events.interface.js';
import type { SmppRouter } from '../../lib/router/smpp-router.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { pollUntil } from '../support/poll-until.js';

/** A simulator answering with its own system_id, receipts off (the scenarios count submits). */
export function startSmsc(systemId: string, port = 0): Promise<SmscSimulator> {
  return SmscSimulator.start({ port, systemId, receipts: { enabled: false } });
}

/** A started client of `sim` named `name`, with timeouts small enough for a test run. */
export async function startClient(
  name: string,
  port: number,
  extra: Partial<SmppClientOptions> = {},
  policies: SmppClientPolicies = {},
): Promise<SmppClient> {
  const client = new SmppClient(
    {
      name,
      host: '127.0.0.1',
      port,
      systemId: 'esme',
      password: 'secret',
      windowSize: 20,
      responseTimeoutMs: 2000,
      enquireLinkIntervalMs: 1000,
      enquireLinkTimeoutMs: 1000,
      connectTimeoutMs: 1000,
      bindTimeoutMs: 1000,
      unbindTimeoutMs: 300,
      drainTimeoutMs: 500,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200, jitter: 0 },
      defaults: { from: 'ROUTER', registeredDelivery: false },
      ...extra,
    },
    { logger: silentLogger, ...policies },
  );
  await client.start();
  await client.waitUntilBound(5000);
  return client;
}

/** What each simulator accepted: correlation ids (the message text) with their destination. */
export class SmscLedger {
  readonly accepted = new Map<string, string[]>();

  constructor(...sims: Array<{ name: string; sim: SmscSimulator }>) {
    for (const { name, sim } of sims) this.watch(name, sim);
  }

  watch(name: string, sim: SmscSimulator): void {
    sim.on('submit', (event) => {
      const pdu = event.pdu;
      if (pdu.command !== 'submit_sm') return;
      const id = pdu.short_message.toString('latin1');
      const list = this.accepted.get(id) ?? [];
      list.push(`${name}:${pdu.destination_addr}`);
      this.accepted.set(id, list);
    });
  }

  /** Ids accepted by more than one SMSC (or twice by one). */
  duplicates(): string[] {
    return [...this.accepted].filter(([, at]) => at.length > 1).map(([id]) => id);
  }
}

/** Every outcome event of a router, by correlation id. */
export class OutcomeLog {
  readonly routed = new Map<string, RoutedEvent[]>();
  readonly failed: RouterFailedEvent[] = [];
  readonly failovers: FailoverEvent[] = [];
  /** Routed events in arrival order, with the time they arrived. */
  readonly timeline: Array<{ at: number; client: string; correlationId: string }> = [];

  constructor(router: SmppRouter) {
    router.on('routed', (e) => {
      const list = this.routed.get(e.correlationId) ?? [];
      list.push(e);
      this.routed.set(e.correlationId, list);
      this.timeline.push({ at: Date.now(), client: e.client, correlationId: e.correlationId });
    });
    router.on('failed', (e) => this.failed.push(e));
    router.on('failover', (e) => this.failovers.push(e));
  }

  routedTo(client: string, since = 0): number {
    return this.timeline.filter((t) => t.client === client && t.at >= since).length;
  }
}

/** Polls `predicate` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await pollUntil(predicate, { timeoutMs, what });
}

/** A logger that keeps every line, for assertions. */
export class KeepingLogger implements NazLogger {
  readonly lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  debug(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, fields });
  }
}

/** A random destination of `prefix` (12 digits in all). */
export function randomNumber(prefix: string): string {
  let n = prefix;
  while (n.length < 12) n += Math.floor(Math.random() * 10);
  return n;
}
