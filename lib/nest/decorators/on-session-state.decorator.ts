import type { NazClientFilter } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/**
 * Marks a method as a handler of session state changes (`closed → connecting → binding → bound → unbinding`),
 * with the reason and the client and session it concerns.
 *
 * @example
 * ```ts
 * @OnSessionState()
 * onState({ client, previous, current, reason }: SessionStateEvent) {
 *   this.logger.log(`${client}: ${previous} → ${current} (${reason})`);
 * }
 * ```
 */
export function OnSessionState(options: NazClientFilter = {}): MethodDecorator {
  return addHandlerMetadata({ kind: 'sessionState', decorator: '@OnSessionState()', options });
}
