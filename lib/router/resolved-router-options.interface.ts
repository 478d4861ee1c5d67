/** One client of a resolved route. */
export interface ResolvedRouteTarget {
  client: string;
  /** 0 when no weight was given. */
  weight: number;
}

/** A route after validation: name filled in, statuses as codes. */
export interface ResolvedRoute {
  name: string;
  /** Position in `routes` (-1 for the fallback). */
  index: number;
  prefix: string;
  from: ReadonlySet<string> | undefined;
  tag: string | undefined;
  clients: readonly ResolvedRouteTarget[];
  /** The clients' names, in order. */
  clientNames: readonly string[];
  /** Some client has a weight > 0 (its first client is drawn by weight). */
  weighted: boolean;
  /** The "try elsewhere" command_status codes of this route. */
  failoverStatuses: ReadonlySet<number>;
}

/** `RouterOptions` after `validateRouterOptions`: every default applied. */
export interface ResolvedRouterOptions {
  routes: readonly ResolvedRoute[];
  fallback: ResolvedRoute | undefined;
  failoverStatuses: ReadonlySet<number>;
  unboundFailoverMs: number;
  maxPendingPerClient: number | undefined;
  circuitBreaker: {
    failureThreshold: number;
    failureRate: number;
    windowMs: number;
    cooldownMs: number;
    halfOpenProbes: number;
  };
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  queueCapacity: number;
  tagKey: string;
  drainTimeoutMs: number;
  /** Every client name some route or the fallback uses. */
  clientNames: readonly string[];
}
