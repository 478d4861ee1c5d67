/** esm_class bits 5-2 (SMPP 3.4 §5.2.12). */
const MESSAGE_TYPE_MASK = 0x3c;
/** Message type 0001: SMSC delivery receipt. */
const SMSC_DELIVERY_RECEIPT = 0x04;
/** Message type 1000: intermediate delivery notification. */
const INTERMEDIATE_NOTIFICATION = 0x20;

/**
 * Whether a deliver_sm / data_sm esm_class marks an SMSC delivery receipt (message type 0001, 0x04) or an
 * intermediate delivery notification (1000, 0x20), SMPP 3.4 §5.2.12.
 */
export function isDeliveryReceipt(esmClass: number): boolean {
  const type = esmClass & MESSAGE_TYPE_MASK;
  return type === SMSC_DELIVERY_RECEIPT || type === INTERMEDIATE_NOTIFICATION;
}

/** Whether esm_class marks an intermediate delivery notification (message type 1000, 0x20; §5.2.12). */
export function isIntermediateNotification(esmClass: number): boolean {
  return (esmClass & MESSAGE_TYPE_MASK) === INTERMEDIATE_NOTIFICATION;
}
