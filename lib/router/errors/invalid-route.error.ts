import { NazError } from '../../errors/naz-error.js';
/**
 * The router's configuration breaks a rule: raised at start-up (`new SmppRouter()`, `NazModule.forRouter()`),
 * before any message is routed.
 *
 * @remarks
 * Names the route (its `name`, or the one built from its prefix), the option path and the rule:
 * `route "44" (routes[1]): client "uk" is not registered (clients found: intl, local). Register it with
 * NazModule.forRoot({ name: 'uk', ... })`.
 */
export class InvalidRouteError extends NazError {
  override readonly name = 'InvalidRouteError';

  /**
   * @param route - the route's name (`'fallback'` for the fallback; `undefined` for router-wide options).
   * @param path - dotted option path (`routes[1].clients[0]`, `circuitBreaker.cooldownMs`).
   * @param rule - short machine-readable rule id (`unknown-client`, `duplicate-prefix`, `empty-route`, `positive`...).
   * @param message - the full sentence shown to the user.
   */
  constructor(
    readonly route: string | undefined,
    readonly path: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
