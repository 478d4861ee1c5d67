import { commandNameOf } from '../../protocol/command-ids.js';
import { statusName } from '../../protocol/command-status.js';
import type { FaultCounters } from '../faults/fault-state.js';

/** A snapshot of the simulator's counters, as `stats()` returns it and the CLI prints it. */
export interface SimulatorStatsSnapshot {
  /** Milliseconds since start. */
  uptimeMs: number;
  connections: { open: number; total: number };
  /** Successful binds by type, and refused ones. */
  binds: { transmitter: number; receiver: number; transceiver: number; failed: number };
  /** PDUs received, by command name (`submit_sm`, `enquire_link_resp`...). */
  received: Record<string, number>;
  /** PDUs sent, by command name. */
  sent: Record<string, number>;
  /** command_status of the responses sent, by status name (`ESME_ROK`, `ESME_RTHROTTLED`...). */
  statuses: Record<string, number>;
  /** Messages accepted (submit_sm, data_sm, submit_multi answered ESME_ROK). */
  submitsAccepted: number;
  receiptsSent: number;
  /** Receipts waiting for their delay, or for a receiving session to bind. */
  receiptsPending: number;
  /** deliver_sm (receipts and MO) waiting for room in a connection's deliver window. */
  deliverSmQueued: number;
  /** Receipts given up: message evicted from the store before its receipt was due. */
  receiptsDropped: number;
  /** MO messages sent (a long message counts once) and the deliver_sm PDUs they took. */
  moSent: number;
  moPdusSent: number;
  /** deliver_sm_resp received with a non-zero command_status. */
  deliverSmRespErrors: number;
  /** PDUs that could not be decoded (answered with an error or a close). */
  decodeErrors: number;
  faults: FaultCounters;
  store: { size: number; capacity: number };
}

/** Adds `n` to the counter under `key`. */
function bump(map: Map<number, number>, key: number, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function named(map: Map<number, number>, name: (key: number) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of [...map.entries()].sort((a, b) => a[0] - b[0])) out[name(key)] = value;
  return out;
}

function commandLabel(id: number): string {
  return commandNameOf(id) ?? `0x${id.toString(16).padStart(8, '0')}`;
}

/**
 * Counters of one simulator. Keyed by numeric command id and status internally; names appear only in snapshots,
 * so counting costs a Map update and no string work.
 */
export class SimulatorStats {
  readonly startedAt = Date.now();
  connectionsOpen = 0;
  connectionsTotal = 0;
  readonly binds = { transmitter: 0, receiver: 0, transceiver: 0, failed: 0 };
  submitsAccepted = 0;
  receiptsSent = 0;
  receiptsDropped = 0;
  moSent = 0;
  moPdusSent = 0;
  deliverSmRespErrors = 0;
  decodeErrors = 0;
  private readonly received = new Map<number, number>();
  private readonly sent = new Map<number, number>();
  private readonly statuses = new Map<number, number>();

  /** Counts PDUs received with this command id. */
  countReceived(commandId: number, n = 1): void {
    bump(this.received, commandId, n);
  }

  /** Counts PDUs sent; `status` is counted for responses only (command ids with bit 31 set). */
  countSent(commandId: number, status: number, n = 1): void {
    bump(this.sent, commandId, n);
    if (commandId >= 0x80000000) bump(this.statuses, status, n);
  }

  /** The snapshot `stats()` returns. */
  snapshot(extra: {
    faults: FaultCounters;
    store: { size: number; capacity: number };
    receiptsPending: number;
    deliverSmQueued: number;
  }): SimulatorStatsSnapshot {
    return {
      uptimeMs: Date.now() - this.startedAt,
      connections: { open: this.connectionsOpen, total: this.connectionsTotal },
      binds: { ...this.binds },
      received: named(this.received, commandLabel),
      sent: named(this.sent, commandLabel),
      statuses: named(this.statuses, statusName),
      submitsAccepted: this.submitsAccepted,
      receiptsSent: this.receiptsSent,
      receiptsPending: extra.receiptsPending,
      deliverSmQueued: extra.deliverSmQueued,
      receiptsDropped: this.receiptsDropped,
      moSent: this.moSent,
      moPdusSent: this.moPdusSent,
      deliverSmRespErrors: this.deliverSmRespErrors,
      decodeErrors: this.decodeErrors,
      faults: { ...extra.faults },
      store: extra.store,
    };
  }
}
