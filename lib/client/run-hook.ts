import type { HookContext, ResponseHookContext, SmppHooks } from '../hooks/smpp-hooks.interface.js';
import { toError } from '../errors/to-error.js';
import type { ClientContext } from './client-context.js';
import { isThenable } from './is-thenable.js';

/** Calls a hook; a throw or rejection is reported as a warning and never stops the send. */
export function runHook(ctx: ClientContext, name: string, call: () => unknown): void {
  try {
    settleHookResult(ctx, name, call());
  } catch (error) {
    ctx.warn(`hook ${name} threw; ignored`, toError(error));
  }
}

/**
 * `hooks.beforeRequest(context)` with {@link runHook}'s rules, without a closure per call: hooks run once per
 * part on the send path (the Nest module's metrics are hooks).
 */
export function callBeforeRequest(ctx: ClientContext, hooks: SmppHooks, context: HookContext): void {
  try {
    settleHookResult(ctx, 'beforeRequest', hooks.beforeRequest!(context));
  } catch (error) {
    ctx.warn('hook beforeRequest threw; ignored', toError(error));
  }
}

/** `hooks.afterResponse(context)` with {@link runHook}'s rules, without a closure per call. */
export function callAfterResponse(ctx: ClientContext, hooks: SmppHooks, context: ResponseHookContext): void {
  try {
    settleHookResult(ctx, 'afterResponse', hooks.afterResponse!(context));
  } catch (error) {
    ctx.warn('hook afterResponse threw; ignored', toError(error));
  }
}

function settleHookResult(ctx: ClientContext, name: string, result: unknown): void {
  if (isThenable(result)) {
    result.then(undefined, (error: unknown) => ctx.warn(`hook ${name} rejected; ignored`, toError(error)));
  }
}
