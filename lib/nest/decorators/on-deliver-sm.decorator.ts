import type { NazHandlerOptions } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/**
 * Marks a method as a handler of inbound (mobile-originated) messages: deliver_sm and data_sm that are not
 * delivery receipts, long ones already joined. It receives an `InboundMessageEvent`.
 *
 * @remarks
 * Discovered at bootstrap on singleton providers and controllers. The deliver_sm_resp waits for every matching
 * handler (async ones are awaited); if one throws, the error is logged and the SMSC gets the client's
 * `inboundErrorStatus` (default ESME_RX_T_APPN, which asks it to redeliver later; SMPP 3.4 §4.6.2). A throwing
 * handler never stops the session.
 *
 * @example
 * ```ts
 * @OnDeliverSm({ to: '1234' })
 * async onMessage(message: InboundMessageEvent) {
 *   await this.inbox.save(message.from, message.text);
 * }
 * ```
 */
export function OnDeliverSm(options: NazHandlerOptions = {}): MethodDecorator {
  return addHandlerMetadata({ kind: 'deliverSm', decorator: '@OnDeliverSm()', options });
}
