import type { ReceiptRoute } from '../simulator-options.interface.js';

const RECEIPT_ROUTES: readonly ReceiptRoute[] = ['origin', 'any', 'other'];

/** @throws RangeError naming the option when `route` is not one of {@link ReceiptRoute}. */
export function validateReceiptRoute(route: unknown): void {
  if (route !== undefined && !RECEIPT_ROUTES.includes(route as ReceiptRoute)) {
    throw new RangeError(`receipts.route "${String(route)}" must be one of ${RECEIPT_ROUTES.join(', ')}.`);
  }
}
