import type { HookContext, ResponseHookContext, SmppHooks } from './smpp-hooks.interface.js';

/**
 * @internal Runs a library policy's hooks (tracing) before the user's, so adding the policy never replaces
 * theirs. The user's hook result (and error) is what the engine sees: it logs failures as usual; the policy's
 * own hooks guard themselves.
 */
export function composeHooks(first: SmppHooks, user: SmppHooks | undefined): SmppHooks {
  if (!user) return first;
  return {
    beforeRequest(context: HookContext) {
      first.beforeRequest?.(context);
      return user.beforeRequest?.(context);
    },
    afterResponse(context: ResponseHookContext) {
      first.afterResponse?.(context);
      return user.afterResponse?.(context);
    },
  };
}
