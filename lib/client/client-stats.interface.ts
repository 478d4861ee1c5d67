import type { ClientState } from './client-state.js';

/** A snapshot of a client's counters (`client.stats()`); counters run from `start()`. */
export interface ClientStats {
  /** The client's name. */
  name: string;
  /** `'bound'` when any session is bound, `'standby'` when waiting for the bind budget, else the most advanced session state. */
  state: ClientState;
  /** The SMSC's system_id from the last bind response. */
  systemId?: string;
  /** Sessions configured (`sessions` option). */
  sessions: number;
  /** Sessions bound now. */
  boundSessions: number;
  /** Sessions waiting in standby for a lease of the account's bind budget (0 without a budget). */
  standbySessions: number;
  /** Messages handed to the SMSC (first attempts and retries alike). */
  submitted: number;
  /** Messages the SMSC accepted (every part ESME_ROK). */
  accepted: number;
  /** Messages failed for good. */
  failed: number;
  /** Failures by reason: a status name (`ESME_RINVDSTADR`) or an error class (`InvalidMessageError`). */
  failedByStatus: Record<string, number>;
  /** Transient failures sent round again (throttling, timeouts, connection loss). */
  retried: number;
  /** Delivery receipts received. */
  receipts: number;
  /** Receipts whose message id the correlator knew (at once, or after waiting for it). */
  receiptsCorrelated: number;
  /**
   * Receipts reported without `correlationId`: their message id was never stored within
   * `correlation.earlyReceiptHoldMs` (or the hold was full, off, or the client stopped).
   */
  receiptsUncorrelated: number;
  /** Receipts that arrived before their message id was known and were held for it (early receipts). */
  receiptsEarly: number;
  /** Early receipts waiting for their message id now. */
  receiptsHeld: number;
  /** Inbound deliver_sm / data_sm received (receipts included). */
  inbound: number;
  /** Requests awaiting their response or a window slot, across sessions (submits, query/cancel/replace). */
  inFlight: number;
  /** Messages waiting in the outbound queue, when the queue can tell (sync for the in-memory queue). */
  queueDepth?: number;
  /** Messages held for resubmission after a throttle pause. */
  held: number;
  /** Successful binds after the first one of each session. */
  reconnects: number;
  /** Failed connect/bind attempts. */
  bindFailures: number;
  /** Round trip of the last keepalive enquire_link, ms. */
  lastKeepaliveRttMs?: number;
  /** Last congestion_state an SMSC reported (SMPP 5.0 §4.8.4.18). */
  congestionState?: number;
  /** Sum of the sessions' current window sizes (lower than configured while congestion control narrows it). */
  effectiveWindow: number;
  /** The rate limit in force, when there is one (may be lowered by congestion control). */
  effectiveRatePerSecond?: number;
}
