import type { SmppHooks } from './smpp-hooks.interface.js';

/**
 * The default hooks: none. The client sees that neither hook is defined and skips the calls, so an
 * application without hooks pays nothing per PDU.
 */
export class NoopHooks implements SmppHooks {}
