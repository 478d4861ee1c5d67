import type { AlertNotification, Outbind, Pdu } from '../protocol/pdu.types.js';
import type { SessionStateChange } from './session-state.js';

/** Payload of a session's 'close' event. */
export interface SessionCloseEvent {
  /** Why, in words: `'closed by application'`, `'enquire_link timeout'`, `'unbind from SMSC'`... */
  reason: string;
  /** The error behind it, when there is one (socket error, BindError, ConnectError, FramingError...). */
  error?: Error;
}

/**
 * Events of an {@link SmppSession}, for `session.on(name, listener)`.
 *
 * @remarks
 * Listeners run synchronously inside the session's I/O handling: a throwing listener is logged and ignored,
 * and a slow one slows the session down.
 */
export interface SmppSessionEvents {
  /** Every state transition (`closed → connecting → binding → bound → unbinding → closed`). */
  state: [change: SessionStateChange];
  /** Every PDU received and decoded, requests and responses alike, before the session acts on it. */
  pdu: [pdu: Pdu];
  /**
   * The session became closed: after a failed `open()` too, and only once per `open()`. Every pending request
   * has been rejected with `SessionClosedError` when this fires.
   */
  close: [event: SessionCloseEvent];
  /** The congestion_state TLV of a response (SMPP 5.0 §4.8.4.18: 0 idle, 80-90 optimum, 100 congested). */
  congestion: [congestionState: number];
  /**
   * The SMSC sent an outbind (SMPP 3.4 §4.1.7.1). The session does not bind by itself on an outbind: this
   * session dialled out and is already binding or bound; a client that wants to accept outbinds listens on a
   * port of its own.
   */
  outbind: [pdu: Outbind];
  /** An alert_notification (SMPP 3.4 §4.12): an MS became available. No response is sent (none exists). */
  alert: [pdu: AlertNotification];
  /**
   * A request the session sends by itself (bind_*, enquire_link, unbind), as it goes out: with its
   * sequence_number, and a bind's password replaced by `'***'`. Lets hooks and metrics see every request.
   */
  controlRequest: [request: Pdu];
  /** The response to a `controlRequest` (or the generic_nack that answered it). */
  controlResponse: [request: Pdu, response: Pdu, elapsedMs: number];
}
