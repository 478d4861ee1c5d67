/**
 * Names of the Prometheus metrics of `NazModule.forRouter()` (all carry a `router` label).
 *
 * @remarks
 * Listed in the README's "Routing and failover" section; keep the two in step.
 */
export const NAZ_ROUTER_METRIC_NAMES = {
  /** Counter: messages decided, by `route`, `client` (the one that handled it; `none` when none did) and `result` (routed, failed). */
  messages: 'naz_router_messages_total',
  /** Counter: failovers, by `route`, `from`, `to` (`none` when no client could take it) and `reason` (a status name, or unbound, queue-full, circuit-open, timeout, connection-lost). */
  failovers: 'naz_router_failovers_total',
  /** Gauge: each client's circuit, by `client`: 0 closed, 1 half-open, 2 open. */
  circuitState: 'naz_router_circuit_state',
  /** Gauge: usable clients of each `route` (0: the route cannot send). */
  usableClients: 'naz_router_usable_clients',
} as const;
