import { NazError } from '../../errors/naz-error.js';

/**
 * A client option breaks a rule; raised by `validateClientOptions` (so by `new SmppClient()` and
 * `NazModule.forRoot()`), before any connection is attempted.
 *
 * @remarks
 * The message names the option path and the rule (`rateLimit.perSecond must be > 0, got 0`) and never echoes a
 * secret's value.
 */
export class InvalidOptionsError extends NazError {
  override readonly name = 'InvalidOptionsError';

  /**
   * @param path - dotted option path (`rateLimit.perSecond`, `reconnect.maxDelayMs`).
   * @param rule - short machine-readable rule id (`required`, `positive`, `integer-min`, `max-length`, `unknown-key`...).
   * @param message - the full sentence shown to the user.
   */
  constructor(
    readonly path: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
