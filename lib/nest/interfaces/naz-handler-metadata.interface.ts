import type { CommandName } from '../../protocol/pdu.types.js';
import type { NazHandlerOptions } from './naz-handler-options.interface.js';

/** Which event a handler decorator subscribes to. */
export type NazHandlerKind = 'deliverSm' | 'deliveryReceipt' | 'submitResult' | 'sessionState' | 'pdu';

/** @internal What a handler decorator records on a method. */
export interface NazHandlerMetadata {
  kind: NazHandlerKind;
  /** The decorator's name, for messages (`@OnDeliverSm()`). */
  decorator: string;
  options: NazHandlerOptions;
  /** For `@OnPdu(command)`. */
  command?: CommandName;
}
