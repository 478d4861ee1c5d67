import { NazError } from '../../errors/naz-error.js';

/**
 * An outbound message that cannot be sent as given: a field breaks an SMPP rule or a client limit.
 *
 * @remarks
 * Raised before anything reaches the wire. `send()` rejects with it; a message already in a queue (enqueued by
 * another producer) is failed with it instead of retried, since no retry can fix it.
 *
 * @example
 * ```ts
 * new InvalidMessageError('destination_addr', 'max-length',
 *   'destination_addr "+44 7700 900 123 456 789" is 24 characters; SMPP 3.4 allows at most 20 (§5.2.9)');
 * ```
 */
export class InvalidMessageError extends NazError {
  override readonly name = 'InvalidMessageError';

  /**
   * @param field - the SMPP field or message property at fault (`destination_addr`, `text`, `dataCoding`...).
   * @param rule - a short machine-readable rule id (`required`, `max-length`, `range`, `max-parts`...).
   * @param message - the full sentence: value, rule, spec section, and how to fix it.
   */
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
