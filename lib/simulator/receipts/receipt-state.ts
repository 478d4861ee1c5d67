/**
 * Final message states the simulator reports in delivery receipts and query_sm_resp.
 *
 * @remarks
 * The names are the `stat:` words of SMPP 3.4 Appendix B; the numbers are `message_state` values
 * (§5.2.28, Table 5-6) carried in the receipt's message_state TLV and in query_sm_resp.
 */
export const RECEIPT_STATES = {
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
} as const;

/** A final state name, e.g. `'DELIVRD'` (the final subset of the protocol's `ReceiptState`). */
export type FinalReceiptState = keyof typeof RECEIPT_STATES;

/** message_state ENROUTE (§5.2.28): stored, not yet final. */
export const MESSAGE_STATE_ENROUTE = 1;

/** A weighted mix of final states, e.g. `{ DELIVRD: 0.9, UNDELIV: 0.1 }` (weights need not sum to 1). */
export type ReceiptStateMix = Partial<Record<FinalReceiptState, number>>;

/** Every final state name, in message_state order. */
export const RECEIPT_STATE_NAMES = Object.keys(RECEIPT_STATES) as FinalReceiptState[];

/**
 * The `err:` value and network_error_code error of each failure, as a GSM MAP cause a real SMSC would report
 * (1 unknown subscriber, 27 absent subscriber, 11 teleservice not provisioned...). DELIVRD reports 0.
 */
export const RECEIPT_ERROR_CODES: Record<FinalReceiptState, number> = {
  DELIVRD: 0,
  EXPIRED: 27,
  DELETED: 0,
  UNDELIV: 1,
  ACCEPTD: 0,
  UNKNOWN: 255,
  REJECTD: 11,
};

/** Whether a state name is one of ours (for option validation). */
export function isReceiptState(name: string): name is FinalReceiptState {
  return Object.prototype.hasOwnProperty.call(RECEIPT_STATES, name);
}

/**
 * Picks final states from a weighted mix with one `Math.random()` per draw.
 *
 * @remarks States are stored as indexes into {@link RECEIPT_STATE_NAMES} so the message store keeps one byte each.
 */
export class ReceiptStatePicker {
  private readonly indexes: number[] = [];
  private readonly cumulative: number[] = [];

  /** @throws RangeError naming the state when a weight is negative or not finite, or when all weights are 0. */
  constructor(mix: ReceiptStateMix) {
    let total = 0;
    for (const [name, weight] of Object.entries(mix)) {
      if (!isReceiptState(name)) {
        throw new RangeError(
          `receipt state "${name}" is unknown; use one of ${RECEIPT_STATE_NAMES.join(', ')}.`,
        );
      }
      if (weight === undefined || weight === 0) continue;
      if (!Number.isFinite(weight) || weight < 0) {
        throw new RangeError(`receipt state ${name} has weight ${weight}; weights must be finite and >= 0.`);
      }
      total += weight;
      this.indexes.push(RECEIPT_STATE_NAMES.indexOf(name));
      this.cumulative.push(total);
    }
    if (total === 0) throw new RangeError('receipt state mix has no positive weight; e.g. { DELIVRD: 1 }.');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= total;
  }

  /** An index into {@link RECEIPT_STATE_NAMES}. */
  pick(): number {
    if (this.indexes.length === 1) return this.indexes[0];
    const r = Math.random();
    for (let i = 0; i < this.cumulative.length; i++) if (r < this.cumulative[i]) return this.indexes[i];
    return this.indexes[this.indexes.length - 1];
  }
}
