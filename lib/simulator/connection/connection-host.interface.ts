import type { CancelSm, PduInput, QuerySm, ReplaceSm } from '../../protocol/pdu.types.js';
import type { FaultState } from '../faults/fault-state.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { SimulatorStats } from '../stats/simulator-stats.js';
import type { StoredRequest } from '../store/stored-message-operations.js';
import type { SmscConnection } from './smsc-connection.js';

/**
 * What a connection needs from the simulator that owns it: shared state (faults, stats, store) and the
 * decisions that span connections (credentials, receipt routing, the 'submit' event).
 */
export interface ConnectionHost {
  readonly faultState: FaultState;
  readonly counters: SimulatorStats;
  readonly logger: NazLogger;
  /** system_id the simulator returns in bind responses. */
  readonly systemId: string;
  /** Largest command_length accepted. */
  readonly maxCommandLength: number;
  /** Unanswered deliver_sm allowed per connection; 0 = no limit. */
  readonly deliverWindow: number;
  /** Whether anyone listens to 'submit' (then every submit is decoded fully). */
  readonly wantsDecodedSubmits: boolean;
  /** Whether anyone listens to 'pdu' (then {@link tap} gets every PDU read and every batch written). */
  readonly tapping: boolean;
  /**
   * Reports traffic to 'pdu' listeners: one received frame, or the bytes of one write (whole PDUs, except
   * malformed bytes the simulator writes on purpose).
   */
  tap(connection: SmscConnection, direction: 'received' | 'sent', bytes: Buffer): void;
  /** command_status for a bind with these credentials: ESME_ROK, ESME_RINVSYSID or ESME_RINVPASWD. */
  authenticate(systemId: string, password: string): number;
  /** Stores a submit_sm that only the fast scan has read; returns its message id. */
  acceptRaw(connection: SmscConnection, frame: Buffer, registeredDelivery: number, now: number): string;
  /** Stores a decoded submit_sm, data_sm or submit_multi; returns its message id. */
  acceptDecoded(connection: SmscConnection, frame: Buffer, request: StoredRequest, now: number): string;
  /** Sends the receipts due at once; a connection calls it after each read, before it writes. */
  sendDueReceipts(): void;
  query(connection: SmscConnection, pdu: QuerySm, now: number): PduInput<'query_sm_resp'>;
  cancel(connection: SmscConnection, pdu: CancelSm, now: number): PduInput<'cancel_sm_resp'>;
  replace(connection: SmscConnection, pdu: ReplaceSm, now: number): PduInput<'replace_sm_resp'>;
  /** Called once a bind succeeded. */
  onBound(connection: SmscConnection): void;
  /** Called once the socket closed. */
  onClosed(connection: SmscConnection): void;
}
