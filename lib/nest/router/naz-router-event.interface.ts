import type {
  RoutedEvent,
  RouterFailedEvent,
  SmppRouterEvents,
} from '../../router/router-events.interface.js';

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

/**
 * What an `@OnRouterResult()` handler receives, once per routed message: accepted (`status: 'submitted'`, with
 * the client that handled it and every failover) or failed for good (`status: 'failed'`, with the reason).
 */
export type RouterResultEvent =
  | (RoutedEvent & { status: 'submitted'; router: string })
  | (RouterFailedEvent & { status: 'failed'; router: string });
