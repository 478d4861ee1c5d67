import { InMemoryOutboundQueue } from '../queue/in-memory-outbound-queue.js';
import type { OutboundQueue } from '../queue/outbound-queue.interface.js';
import { isAdjustableRateLimiter } from '../rate-limit/adjustable-rate-limiter.interface.js';
import type { ClientContext } from './client-context.js';
import type { ClientState } from './client-state.js';
import type { ClientStats } from './client-stats.interface.js';
import type { SendLoop } from './send-loop.js';
import type { SessionSupervisor } from './session-supervisor.js';

/** What {@link collectClientStats} reads: the client's parts, as `SmppClient.stats()` passes them. */
export interface ClientStatsSources {
  readonly ctx: ClientContext;
  readonly state: ClientState;
  readonly supervisors: readonly SessionSupervisor[];
  readonly loops: readonly SendLoop[];
  /** Receipts held for a message id not known yet (the inbound dispatcher's count). */
  readonly receiptsHeld: number;
  /** From {@link QueueDepthReader}; undefined when the queue cannot tell. */
  readonly queueDepth: number | undefined;
}

/** A snapshot of a client's counters and gauges (`SmppClient.stats()`). */
export function collectClientStats(from: ClientStatsSources): ClientStats {
  const { ctx, supervisors } = from;
  const c = ctx.counters;
  let inFlight = 0;
  let held = 0;
  for (const l of from.loops) held += l.heldMessages;
  let boundSessions = 0;
  let effectiveWindow = 0;
  let rtt: number | undefined;
  let systemId: string | undefined;
  for (const s of supervisors) {
    const session = s.session;
    effectiveWindow += session.windowSize;
    inFlight += session.inFlight + session.waiting;
    if (session.state === 'bound') {
      boundSessions++;
      systemId ??= session.systemId;
    }
    rtt = session.lastEnquireLinkRttMs ?? rtt;
  }
  const stats: ClientStats = {
    name: ctx.name,
    state: from.state,
    sessions: supervisors.length,
    boundSessions,
    standbySessions: supervisors.filter((s) => s.standby).length,
    submitted: c.submitted,
    accepted: c.accepted,
    failed: c.failed,
    failedByStatus: { ...c.failedByStatus },
    retried: c.retried,
    receipts: c.receipts,
    receiptsCorrelated: c.receiptsCorrelated,
    receiptsUncorrelated: c.receiptsUncorrelated,
    receiptsEarly: c.receiptsEarly,
    receiptsHeld: from.receiptsHeld,
    inbound: c.inbound,
    inFlight,
    held,
    reconnects: c.reconnects,
    bindFailures: c.bindFailures,
    effectiveWindow,
  };
  if (systemId !== undefined) stats.systemId = systemId;
  if (from.queueDepth !== undefined) stats.queueDepth = from.queueDepth;
  if (rtt !== undefined) stats.lastKeepaliveRttMs = rtt;
  if (c.congestionState !== undefined) stats.congestionState = c.congestionState;
  const limiter = ctx.rateLimiter;
  if (limiter && isAdjustableRateLimiter(limiter)) stats.effectiveRatePerSecond = limiter.perSecond;
  return stats;
}

/**
 * The outbound queue's depth for `stats()`: read at once from the in-memory queue; from a durable queue
 * (`size()` is a round trip to Redis, RabbitMQ or PostgreSQL) at most once a second, the last answer served
 * meanwhile, so a metrics scrape never waits on the broker.
 */
export class QueueDepthReader {
  private cached: number | undefined;
  private readAt = 0;

  constructor(private readonly queue: OutboundQueue) {}

  /** The depth, or undefined while the queue has not answered yet (or has no `size()`). */
  read(): number | undefined {
    const queue = this.queue;
    if (queue instanceof InMemoryOutboundQueue) return queue.depth;
    if (!queue.size) return undefined;
    const now = Date.now();
    if (now - this.readAt > 1000) {
      this.readAt = now;
      queue.size().then(
        (n) => (this.cached = n),
        () => undefined,
      );
    }
    return this.cached;
  }
}
