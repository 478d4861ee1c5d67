/** An address filter: the exact address, a pattern, or a list of either. */
export type AddressFilter = string | RegExp | ReadonlyArray<string | RegExp>;

/** Filters shared by every handler decorator. */
export interface NazClientFilter {
  /** Only events of this client (or these clients); all clients when absent. */
  client?: string | readonly string[];
}

/** Filters of handlers that receive messages (`@OnDeliverSm`, `@OnDeliveryReceipt`, `@OnPdu`). */
export interface NazHandlerOptions extends NazClientFilter {
  /**
   * Only messages to this destination_addr (your short code, say).
   * @remarks For a delivery receipt, destination_addr is your original source address (SMPP 3.4 §4.6.1).
   */
  to?: AddressFilter;
  /** Only messages from this source_addr. */
  from?: AddressFilter;
}
