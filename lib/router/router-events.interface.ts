import type { CircuitState } from './circuit-breaker.js';

/**
 * Why a message left a client for the next one of its route.
 *
 * - `unbound`: the client had no bound session for longer than `unboundFailoverMs` (or lost it while the message
 *   waited for it);
 * - `queue-full`: the client already had `maxPendingPerClient` messages outstanding;
 * - `circuit-open`: the client's circuit breaker was open (or half-open with its probes taken);
 * - `status`: the SMSC answered a "try elsewhere" status (`status` names it, e.g. `ESME_RTHROTTLED`);
 * - `timeout`: no response within the client's `responseTimeoutMs`;
 * - `connection-lost`: the session closed before the response.
 */
export type FailoverReason =
  'unbound' | 'queue-full' | 'circuit-open' | 'status' | 'timeout' | 'connection-lost';

/** One step of a message from a client to the next. */
export interface FailoverRecord {
  /** The client left. */
  from: string;
  /** The client that takes the message next; `null` when no other client could take it then. */
  to: string | null;
  reason: FailoverReason;
  /** The status name when `reason` is `status`. */
  status?: string;
  /**
   * True when `from` may have accepted the message although no answer said so (`timeout`, `connection-lost`):
   * the message may then reach two SMSCs. Nothing else can make a duplicate.
   */
  mayDuplicate: boolean;
}

/** A failover, as the `failover` event reports it. */
export interface FailoverEvent extends FailoverRecord {
  correlationId: string;
  route: string;
  metadata?: Record<string, unknown>;
}

/** A message accepted by an SMSC: which client handled it and the failovers on the way. */
export interface RoutedEvent {
  correlationId: string;
  route: string;
  /** The client whose SMSC accepted it. */
  client: string;
  /** The SMSC's message id of each part. */
  messageIds: string[];
  /** Submits made, over every client (1 when the first one accepted it). */
  attempts: number;
  failovers: FailoverRecord[];
  metadata?: Record<string, unknown>;
}

/** A message that failed for good: a permanent rejection, or every round over its route failed. */
export interface RouterFailedEvent {
  correlationId: string;
  route: string;
  /** The last client tried, when one was. */
  client?: string;
  /** A status name (`ESME_RINVDSTADR`) or an error class name. */
  reason: string;
  commandStatus?: number;
  error: Error;
  /** True for a permanent rejection (not retried elsewhere); false when retries were used up. */
  permanent: boolean;
  attempts: number;
  failovers: FailoverRecord[];
  metadata?: Record<string, unknown>;
}

/** A queued message that no client of its route took in this round: it goes back to the queue. */
export interface RouterRetryEvent {
  correlationId: string;
  route: string;
  /** The round that just ended (1-based). */
  round: number;
  delayMs: number;
  reason: string;
}

/** A client's circuit breaker changed state. */
export interface CircuitEvent {
  client: string;
  from: CircuitState;
  to: CircuitState;
  /** Failures counted in the window when it opened. */
  failures?: number;
}

/** Events of an `SmppRouter` (also on `SmppRouterService.events$` in Nest). */
export interface SmppRouterEvents {
  routed: [RoutedEvent];
  failover: [FailoverEvent];
  failed: [RouterFailedEvent];
  retry: [RouterRetryEvent];
  circuit: [CircuitEvent];
  /** Something went wrong that the router handled (logged too). */
  warning: [{ message: string; error?: Error }];
}
