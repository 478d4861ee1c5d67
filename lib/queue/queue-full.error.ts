import { NazError } from '../errors/naz-error.js';

/**
 * The outbound queue holds as many messages as it may: `send()` cannot take another one now.
 *
 * @remarks
 * Back-pressure, not a failure of the message: retry later, slow the producer, or raise `queueCapacity`.
 */
export class QueueFullError extends NazError {
  override readonly name = 'QueueFullError';

  /** @param capacity - the queue's capacity, shown in the message. */
  constructor(
    readonly capacity: number,
    message = `outbound queue is full (capacity ${capacity}); retry later or raise queueCapacity`,
  ) {
    super(message);
  }
}
