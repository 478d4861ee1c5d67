import type { ClientState } from '../client/client-state.js';
import type { CircuitState } from './circuit-breaker.js';

/** One client as the router sees it (`router.status().clients[name]`). */
export interface RouterClientStatus {
  /** The client's state (`bound` when any session is; `standby` while other replicas hold the account's binds). */
  state: ClientState;
  circuit: CircuitState;
  /** Bound (or unbound for less than `unboundFailoverMs`) and circuit not open. */
  usable: boolean;
  /** Messages the router has outstanding on it. */
  pending: number;
  maxPending: number;
}

/** One route (`router.status().routes`). */
export interface RouteStatus {
  name: string;
  clients: string[];
  /** The clients that are usable now, in the route's order. */
  usableClients: string[];
  /** At least one usable client. */
  healthy: boolean;
}

/** A snapshot for health checks and dashboards. */
export interface RouterStatus {
  /** Every route (and the fallback) has at least one usable client. */
  healthy: boolean;
  routes: RouteStatus[];
  clients: Record<string, RouterClientStatus>;
  /** Queued messages the router holds now (sending, or waiting for a usable client). */
  inFlight: number;
  /** Of those, waiting for a usable client. */
  waiting: number;
}
