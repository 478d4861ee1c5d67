import type { NazClientFilter } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/** Options of `@OnSubmitResult()`. */
export interface OnSubmitResultOptions extends NazClientFilter {
  /**
   * Also receive the result of each attempt a router (`NazModule.forRouter()`) makes on this client, marked with
   * `result.router`. A failed attempt is not the message's fate: the router may send it through another client.
   * The message's one outcome reaches `@OnRouterResult()`.
   * @default false
   */
  routerAttempts?: boolean;
}

/**
 * Marks a method as the handler of each message's outcome: a `SubmitResultEvent` with `status: 'submitted'`
 * (and the SMSC's message id of every part) or `status: 'failed'` (with the command_status name or the error),
 * once retries are exhausted.
 *
 * @remarks
 * Once per message sent with `SmppClientService.send()` / `submit()`. Messages sent through a router are the
 * router's: their outcome reaches `@OnRouterResult()`, once, whichever client handled them; the clients'
 * attempts reach this handler only with `routerAttempts: true`.
 *
 * @example
 * ```ts
 * @OnSubmitResult()
 * onResult(result: SubmitResultEvent) {
 *   if (result.status === 'failed') this.logger.warn(`${result.correlationId} failed: ${result.reason}`);
 * }
 * ```
 */
export function OnSubmitResult(options: OnSubmitResultOptions = {}): MethodDecorator {
  const { routerAttempts, ...filter } = options;
  return addHandlerMetadata({
    kind: 'submitResult',
    decorator: '@OnSubmitResult()',
    options: filter,
    ...(routerAttempts === true ? { routerAttempts: true } : {}),
  });
}
