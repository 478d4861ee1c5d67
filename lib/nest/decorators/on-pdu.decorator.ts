import type { CommandName } from '../../protocol/pdu.types.js';
import type { NazHandlerOptions } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/**
 * Marks a method as a handler of every inbound PDU of one command (`'deliver_sm'`, `'alert_notification'`,
 * `'unbind'`...), after decoding. It receives `{ client, session, pdu }`.
 *
 * @remarks
 * An observer: the library has already answered (or will answer) the PDU itself, and does not wait for this
 * handler. Use `@OnDeliverSm()` when the answer should depend on your handler.
 *
 * @example
 * ```ts
 * @OnPdu('alert_notification')
 * onAlert({ pdu }: PduEvent<'alert_notification'>) { this.presence.online(pdu.source_addr); }
 * ```
 */
export function OnPdu(command: CommandName, options: NazHandlerOptions = {}): MethodDecorator {
  return addHandlerMetadata({ kind: 'pdu', decorator: `@OnPdu('${command}')`, options, command });
}
