import type { SmppRouterEvents } from '../../router/router-events.interface.js';

/**
 * One event of `SmppRouterService.events$`: `routed`, `failover`, `failed`, `retry`, `circuit` or `warning`.
 *
 * @example
 * ```ts
 * router.events$.pipe(filter((e) => e.type === 'failover')).subscribe((e) => audit(e.payload));
 * ```
 */
export type NazRouterEvent = {
  [K in keyof SmppRouterEvents]: { type: K; payload: SmppRouterEvents[K][0] };
}[keyof SmppRouterEvents];
