import type { SmppClientEvents } from '../../client/client-events.interface.js';
import type { CommandName, Pdu, PduOf } from '../../protocol/pdu.types.js';

/** What an `@OnSessionState()` handler receives. */
export type SessionStateEvent = SmppClientEvents['state'][0];

/** What an `@OnPdu(command)` handler receives: the decoded PDU and where it came from. */
export interface PduEvent<C extends CommandName = CommandName> {
  client: string;
  /** Index of the session (bind) it arrived on. */
  session: number;
  pdu: C extends CommandName ? PduOf<C> : Pdu;
}
