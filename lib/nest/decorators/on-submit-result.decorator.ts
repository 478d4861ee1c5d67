import type { NazClientFilter } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/**
 * Marks a method as the handler of each message's outcome: a `SubmitResultEvent` with `status: 'submitted'`
 * (and the SMSC's message id of every part) or `status: 'failed'` (with the command_status name or the error),
 * once retries are exhausted.
 *
 * @example
 * ```ts
 * @OnSubmitResult()
 * onResult(result: SubmitResultEvent) {
 *   if (result.status === 'failed') this.logger.warn(`${result.correlationId} failed: ${result.reason}`);
 * }
 * ```
 */
export function OnSubmitResult(options: NazClientFilter = {}): MethodDecorator {
  return addHandlerMetadata({ kind: 'submitResult', decorator: '@OnSubmitResult()', options });
}
