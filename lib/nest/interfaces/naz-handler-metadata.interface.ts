import type { CommandName } from '../../protocol/pdu.types.js';
import type { NazHandlerOptions } from './naz-handler-options.interface.js';

/** Which event a handler decorator subscribes to. */
export type NazHandlerKind =
  'deliverSm' | 'deliveryReceipt' | 'submitResult' | 'routerResult' | 'sessionState' | 'pdu';

/** @internal What a handler decorator records on a method. */
export interface NazHandlerMetadata {
  kind: NazHandlerKind;
  /** The decorator's name, for messages (`@OnDeliverSm()`). */
  decorator: string;
  options: NazHandlerOptions;
  /** For `@OnPdu(command)`. */
  command?: CommandName;
  /** For `@OnSubmitResult({ routerAttempts: true })`: also the results of a router's attempts. */
  routerAttempts?: boolean;
  /** For `@OnRouterResult({ router })`: only the outcomes of this router (or these). */
  router?: string | readonly string[];
}
