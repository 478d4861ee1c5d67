/**
 * One client of a route, with an optional weight.
 *
 * @remarks
 * A string is the same as `{ client: name }` (no weight).
 */
export type RouteTarget = string | { client: string; weight?: number };

/**
 * One route: which messages it takes (destination prefix, optionally sender and metadata tag) and the clients that
 * send them, in order of preference.
 *
 * @remarks
 * Among the routes whose `from` and `tag` accept a message, the one with the longest `prefix` of its destination
 * wins; at equal length, a route with more conditions (`from`, `tag`) wins. Clients are tried in the order
 * listed; when some have a `weight`, one of those is drawn by weight to go first (the others keep their order
 * behind it), so `[{ client: 'a', weight: 3 }, { client: 'b', weight: 1 }]` sends 75 % to `a`, 25 % to `b`,
 * and each is the other's failover.
 *
 * @example
 * ```ts
 * { prefix: '44', clients: ['uk-aggregator', 'international'] }
 * { prefix: '1', tag: 'otp', clients: [{ client: 'twilio', weight: 2 }, { client: 'sinch', weight: 1 }] }
 * ```
 */
export interface RouteDefinition {
  /** Name in events, logs and metrics (`route` label). @default built from prefix, from and tag: `44`, `*`, `1|tag=otp` */
  name?: string;
  /** Leading digits of destination_addr (a leading `+` of the destination is ignored). `''` matches any. @default '' */
  prefix?: string;
  /** Only messages from this source_addr (or one of these). */
  from?: string | readonly string[];
  /** Only messages whose `metadata[tagKey]` equals this. */
  tag?: string;
  /** The clients, by name (`NazModule.forRoot({ name })`), in order of preference. At least one. */
  clients: readonly RouteTarget[];
  /** This route's "try elsewhere" statuses, replacing the router's `failoverStatuses`. */
  failoverStatuses?: readonly string[];
}

/**
 * Circuit breaker of each client.
 *
 * @remarks
 * Closed: traffic flows. Open: the client is skipped (its messages go to the next client of their route), after
 * `failureThreshold` failures within `windowMs` that make at least `failureRate` of its outcomes there. A
 * failure is a "try elsewhere" status (throttling, SMSC queue full...), a response timeout or a lost connection;
 * a permanent rejection is the message's fault and never counts. After `cooldownMs` the circuit is half-open:
 * `halfOpenProbes` messages may go through; one success closes it, a failure opens it again.
 */
export interface CircuitBreakerOptions {
  /** Failures within the window that open the circuit. @default 5 */
  failureThreshold?: number;
  /** Share of failures among the window's outcomes needed as well (0..1]. @default 0.5 */
  failureRate?: number;
  /** The sliding window. @default 10000 */
  windowMs?: number;
  /** Time open before probing. @default 5000 */
  cooldownMs?: number;
  /** Messages let through at once while half-open. @default 1 */
  halfOpenProbes?: number;
}

/** How queued messages (`send()`) are tried again when every client of their route failed them. */
export interface RouterRetryOptions {
  /** Rounds over the route's clients before the message fails for good. @default 3 */
  maxAttempts?: number;
  /** Delay before the second round. @default 500 */
  initialDelayMs?: number;
  /** Longest delay between rounds (it doubles each round). @default 10000 */
  maxDelayMs?: number;
}

/** Options of a router (`NazModule.forRouter()`, or `new SmppRouter()` without Nest). */
export interface RouterOptions {
  /** The routes. Prefixes (with the same `from` and `tag`) must be unique. */
  routes: readonly RouteDefinition[];
  /** Clients for destinations no route matches. Without it, such a message is refused with `NoRouteError`. */
  fallback?: readonly RouteTarget[];
  /**
   * Statuses that mean "this SMSC cannot take it now, try elsewhere": the message goes to the next client of its
   * route, and the failure counts toward the client's circuit. Any other rejection (ESME_RINVDSTADR...) is
   * permanent: the message fails and is not sent elsewhere, unless you list its status here.
   * @default ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR', 'ESME_RX_T_APPN']
   */
  failoverStatuses?: readonly string[];
  /** A client with no bound session for longer than this is skipped. @default 1000 */
  unboundFailoverMs?: number;
  /**
   * Messages a client may have outstanding through the router (waiting for a window slot or a response) before
   * it counts as full and the next client of the route takes the overflow.
   * @default 2 × windowSize × sessions of that client
   */
  maxPendingPerClient?: number;
  /** Circuit breaker settings, the same for every client. */
  circuitBreaker?: CircuitBreakerOptions;
  /** Rounds of queued messages. */
  retry?: RouterRetryOptions;
  /** Capacity of the router's in-memory queue (`send()` throws QueueFullError beyond it). @default 10000 */
  queueCapacity?: number;
  /** The metadata key a route's `tag` is compared with. @default 'route' */
  tagKey?: string;
  /** How long `stop()` waits for messages in flight before putting them back in the queue. @default 5000 */
  drainTimeoutMs?: number;
}
