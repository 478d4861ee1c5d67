import { addHandlerMetadata } from './add-handler-metadata.js';

/** Options of `@OnRouterResult()`. */
export interface OnRouterResultOptions {
  /** Only the outcomes of this router (`forRouter({ name })`) or these; every router's when absent. */
  router?: string | readonly string[];
}

/**
 * Marks a method as the handler of the outcome of each message sent through a router (`SmppRouterService`):
 * a `RouterResultEvent` with `status: 'submitted'` (the client that handled it, its message ids, every failover on
 * the way) or `status: 'failed'` (a permanent rejection, or every client of the route failed it).
 *
 * @remarks
 * Exactly once per routed message, whichever clients it went through: this is the message's fate. Each client's
 * `@OnSubmitResult()` does not see routed messages unless it asks for the attempts (`routerAttempts: true`).
 *
 * @example
 * ```ts
 * @OnRouterResult()
 * onRouted(result: RouterResultEvent) {
 *   if (result.status === 'submitted') this.audit.sent(result.correlationId, result.client, result.failovers);
 *   else this.audit.failed(result.correlationId, result.reason);
 * }
 * ```
 */
export function OnRouterResult(options: OnRouterResultOptions = {}): MethodDecorator {
  return addHandlerMetadata({
    kind: 'routerResult',
    decorator: '@OnRouterResult()',
    options: {},
    ...(options.router !== undefined ? { router: options.router } : {}),
  });
}
