import { NazError } from '../../errors/naz-error.js';
/**
 * No route takes the message and the router has no `fallback`: `send()` and `submit()` refuse it before anything
 * is queued or sent.
 */
export class NoRouteError extends NazError {
  override readonly name = 'NoRouteError';

  /** @param destination - the message's destination_addr. */
  constructor(readonly destination: string) {
    super(
      `no route for destination "${destination}": add a route whose prefix matches it, or a fallback (NazModule.forRouter({ fallback: [...] }))`,
    );
  }
}
