import type { HookContext, ResponseHookContext, SmppHooks } from '../../hooks/smpp-hooks.interface.js';

/**
 * @internal Runs the module's own hooks (metrics) before the user's `NAZ_HOOKS`, so replacing the token never
 * turns metrics off. The user's hook result (and error) is what the engine sees: it logs failures as usual.
 */
export function composeHooks(internal: SmppHooks | undefined, user: SmppHooks): SmppHooks {
  if (!internal) return user;
  return {
    beforeRequest(context: HookContext) {
      internal.beforeRequest?.(context);
      return user.beforeRequest?.(context);
    },
    afterResponse(context: ResponseHookContext) {
      internal.afterResponse?.(context);
      return user.afterResponse?.(context);
    },
  };
}
