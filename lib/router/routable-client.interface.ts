import type { SmppClient } from '../client/smpp-client.js';

/**
 * What the router needs of a client: an `SmppClient` (the engine behind each `NazModule.forRoot()`) fits.
 *
 * @remarks
 * The router sends with `submit()`, never `send()`: it keeps each message itself until one SMSC's answer decides
 * its fate, so no client queue holds a copy that could be retried there while the router re-routes it.
 */
export type RoutableClient = Pick<
  SmppClient,
  'name' | 'options' | 'state' | 'isBound' | 'waitUntilBound' | 'submit' | 'stats' | 'on' | 'off' | 'ledger'
>;
