import {
  MESSAGE_STATE_ENROUTE,
  RECEIPT_STATES,
  RECEIPT_STATE_NAMES,
  type FinalReceiptState,
} from '../receipts/receipt-state.js';

/** Message flags kept per slot. */
const CANCELLED = 1;
const RECEIPT_SCHEDULED = 2;
const QUERIED = 4;
const REPLACED = 8;

/** {@link MessageStore.stateIndexAt}: not held (never stored, or evicted). */
export const STATE_UNKNOWN = -1;
/** {@link MessageStore.stateIndexAt}: not final yet. */
export const STATE_ENROUTE = -2;
/** {@link MessageStore.stateIndexAt}: cancelled. */
export const STATE_DELETED = -3;

/** A stored message as the public API shows it. */
export interface StoredMessageView {
  /** The counter behind the message id (see `MessageIdAllocator`). */
  counter: number;
  /** The request as it arrived (submit_sm, data_sm or submit_multi), or as replace_sm left it. */
  frame: Buffer;
  /** The system_id of the session that submitted it. */
  systemId: string;
  /** When the simulator accepted it (epoch ms). */
  submittedAt: number;
  /** When it becomes (or became) final (epoch ms). */
  finalAt: number;
  /** `ENROUTE` until `finalAt`, then its final state; `DELETED` once cancelled. */
  state: 'ENROUTE' | FinalReceiptState;
  /** message_state (§5.2.28) of `state`. */
  messageState: number;
  /** A query_sm found it. */
  queried: boolean;
  /** A replace_sm changed it. */
  replaced: boolean;
  /** A cancel_sm deleted it. */
  cancelled: boolean;
}

/**
 * Bounded store of submitted messages, a ring indexed by message id counter.
 *
 * @remarks
 * Counters are consecutive, so `counter % capacity` is the slot and a lookup is one comparison; the oldest
 * message is overwritten when the ring wraps. Columns are typed arrays, so storing a message allocates
 * nothing beyond its frame. The frame is kept raw and decoded only when query/cancel/replace or a receipt
 * needs it: the submit hot path never builds an object.
 */
export class MessageStore {
  private readonly counters: Float64Array;
  private readonly frames: (Buffer | undefined)[];
  private readonly origins: unknown[];
  private readonly systemIds: string[];
  private readonly submittedAt: Float64Array;
  private readonly finalAt: Float64Array;
  private readonly finalState: Uint8Array;
  private readonly flags: Uint8Array;
  private stored = 0;
  private newestCounter = -1;

  /** @param capacity - messages kept; must be a positive integer. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`storeCapacity ${capacity} must be a positive integer.`);
    }
    this.counters = new Float64Array(capacity).fill(-1);
    this.frames = new Array<Buffer | undefined>(capacity);
    this.origins = new Array<unknown>(capacity);
    this.systemIds = new Array<string>(capacity);
    this.submittedAt = new Float64Array(capacity);
    this.finalAt = new Float64Array(capacity);
    this.finalState = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Messages currently held (at most `capacity`). */
  get size(): number {
    return this.stored;
  }

  /**
   * Stores a message.
   *
   * @param frame - must not be reused by the caller afterwards (the store keeps the reference).
   * @param origin - the connection it came from, handed back by {@link origin} for receipt routing.
   * @param finalStateIndex - index into `RECEIPT_STATE_NAMES` the message ends in at `finalAt`.
   */
  put(
    counter: number,
    frame: Buffer,
    origin: unknown,
    systemId: string,
    now: number,
    finalAt: number,
    finalStateIndex: number,
  ): void {
    const slot = counter % this.capacity;
    if (this.counters[slot] < 0) this.stored++;
    this.counters[slot] = counter;
    this.frames[slot] = frame;
    this.origins[slot] = origin;
    this.systemIds[slot] = systemId;
    this.submittedAt[slot] = now;
    this.finalAt[slot] = finalAt;
    this.finalState[slot] = finalStateIndex;
    this.flags[slot] = 0;
    if (counter > this.newestCounter) this.newestCounter = counter;
  }

  /** The highest counter stored so far (-1 before the first message). */
  get newest(): number {
    return this.newestCounter;
  }

  /** Whether the message is still held (not evicted, never unknown). */
  has(counter: number): boolean {
    return counter >= 0 && this.counters[counter % this.capacity] === counter;
  }

  /** A snapshot of the message, or `undefined` if unknown or evicted. */
  get(counter: number, now: number = Date.now()): StoredMessageView | undefined {
    if (!this.has(counter)) return undefined;
    const slot = counter % this.capacity;
    const state = this.stateAt(slot, now);
    const flags = this.flags[slot];
    return {
      counter,
      frame: this.frames[slot] as Buffer,
      systemId: this.systemIds[slot],
      submittedAt: this.submittedAt[slot],
      finalAt: this.finalAt[slot],
      state,
      messageState: state === 'ENROUTE' ? MESSAGE_STATE_ENROUTE : RECEIPT_STATES[state],
      queried: (flags & QUERIED) !== 0,
      replaced: (flags & REPLACED) !== 0,
      cancelled: (flags & CANCELLED) !== 0,
    };
  }

  /**
   * The message's state at `now` as an index into `RECEIPT_STATE_NAMES`, or {@link STATE_ENROUTE} /
   * {@link STATE_DELETED}; {@link STATE_UNKNOWN} when it is not held. {@link get} without the snapshot object.
   */
  stateIndexAt(counter: number, now: number): number {
    if (!this.has(counter)) return STATE_UNKNOWN;
    const slot = counter % this.capacity;
    if ((this.flags[slot] & CANCELLED) !== 0) return STATE_DELETED;
    return now < this.finalAt[slot] ? STATE_ENROUTE : this.finalState[slot];
  }

  /** The stored frame of a held message (see {@link has}). */
  frameOf(counter: number): Buffer {
    return this.frames[counter % this.capacity] as Buffer;
  }

  /** When a held message was accepted (epoch ms). */
  submittedAtOf(counter: number): number {
    return this.submittedAt[counter % this.capacity];
  }

  /** When a held message became (or becomes) final (epoch ms). */
  finalAtOf(counter: number): number {
    return this.finalAt[counter % this.capacity];
  }

  /** The system_id that submitted a held message. */
  systemIdOf(counter: number): string {
    return this.systemIds[counter % this.capacity];
  }

  /** The connection that submitted the message. */
  origin(counter: number): unknown {
    return this.has(counter) ? this.origins[counter % this.capacity] : undefined;
  }

  /** Whether the message is still ENROUTE (neither final nor cancelled) at `now`. */
  isPending(counter: number, now: number): boolean {
    return this.has(counter) && this.stateAt(counter % this.capacity, now) === 'ENROUTE';
  }

  /** Marks an ENROUTE message DELETED (cancel_sm, §4.9). Returns false if it is unknown or already final. */
  cancel(counter: number, now: number): boolean {
    if (!this.isPending(counter, now)) return false;
    const slot = counter % this.capacity;
    this.flags[slot] |= CANCELLED;
    this.finalAt[slot] = now;
    return true;
  }

  /** Swaps an ENROUTE message's frame (replace_sm, §4.10). Returns false if it is unknown or already final. */
  replaceFrame(counter: number, frame: Buffer, now: number): boolean {
    if (!this.isPending(counter, now)) return false;
    this.frames[counter % this.capacity] = frame;
    this.flags[counter % this.capacity] |= REPLACED;
    return true;
  }

  /** Records that a query_sm found the message (shown by the console; query_sm changes no state, §4.8). */
  markQueried(counter: number): void {
    if (this.has(counter)) this.flags[counter % this.capacity] |= QUERIED;
  }

  /** Records that a receipt timer covers this message, so replace_sm asking for one does not add a second. */
  markReceiptScheduled(counter: number): void {
    if (this.has(counter)) this.flags[counter % this.capacity] |= RECEIPT_SCHEDULED;
  }

  /** Whether a receipt is already scheduled for the message. */
  isReceiptScheduled(counter: number): boolean {
    return this.has(counter) && (this.flags[counter % this.capacity] & RECEIPT_SCHEDULED) !== 0;
  }

  /** Counters of every held message, oldest first is not guaranteed (ring order). */
  *counterList(): IterableIterator<number> {
    for (let slot = 0; slot < this.capacity; slot++) if (this.counters[slot] >= 0) yield this.counters[slot];
  }

  /** Forgets every message. */
  clear(): void {
    this.counters.fill(-1);
    this.frames.fill(undefined);
    this.origins.fill(undefined);
    this.stored = 0;
    this.newestCounter = -1;
  }

  private stateAt(slot: number, now: number): 'ENROUTE' | FinalReceiptState {
    if ((this.flags[slot] & CANCELLED) !== 0) return 'DELETED';
    return now < this.finalAt[slot] ? 'ENROUTE' : RECEIPT_STATE_NAMES[this.finalState[slot]];
  }
}
