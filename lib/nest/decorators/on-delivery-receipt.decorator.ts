import type { NazHandlerOptions } from '../interfaces/naz-handler-options.interface.js';
import { addHandlerMetadata } from './add-handler-metadata.js';

/**
 * Marks a method as a handler of delivery receipts. It receives a `DeliveryReceiptEvent`: the parsed receipt
 * (SMPP 3.4 Appendix B), and the `correlationId` and `metadata` you gave the message when the correlator knows it.
 *
 * @remarks
 * Awaited before the deliver_sm_resp goes out, like `@OnDeliverSm()`: a throwing handler makes the client answer
 * `inboundErrorStatus`, so the SMSC redelivers the receipt.
 *
 * @example
 * ```ts
 * @OnDeliveryReceipt()
 * onReceipt({ correlationId, receipt }: DeliveryReceiptEvent) {
 *   this.orders.markDelivered(correlationId, receipt.stat);
 * }
 * ```
 */
export function OnDeliveryReceipt(options: NazHandlerOptions = {}): MethodDecorator {
  return addHandlerMetadata({ kind: 'deliveryReceipt', decorator: '@OnDeliveryReceipt()', options });
}
