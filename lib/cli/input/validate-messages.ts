import type { ResolvedSmppClientOptions } from '../../client/resolved-smpp-client-options.interface.js';
import { InvalidMessageError } from '../../client/errors/invalid-message.error.js';
import { validateOutboundMessage } from '../../client/validate-outbound-message.js';
import { InputError } from '../errors/input-error.js';
import type { NumberedMessage } from './numbered-message.interface.js';

/**
 * Checks every message against the SMPP field rules (with the config's defaults) before anything is sent,
 * so a bad row stops a batch at once instead of failing mid-way.
 *
 * @throws InputError naming the source, the line and the engine's rule text.
 */
export function validateMessages(
  messages: readonly NumberedMessage[],
  options: ResolvedSmppClientOptions,
  source: string,
): void {
  const defaults = {
    from: options.defaults.from,
    sourceAddrTon: options.defaults.sourceAddrTon,
    destAddrTon: options.defaults.destAddrTon,
  };
  for (const { line, message } of messages) {
    try {
      validateOutboundMessage(message, defaults);
    } catch (error) {
      if (error instanceof InvalidMessageError) {
        throw new InputError(source, line, error.message, { cause: error });
      }
      throw error;
    }
  }
}
