import type { FinalReceiptState } from '../receipts/receipt-state.js';
import type { MessageIdAllocator } from './message-id.js';
import type { MessageStore } from './message-store.js';
import { decodeStored, type StoredRequest } from './stored-message-operations.js';

/** A stored message, as `sim.messages.get(id)` returns it. */
export interface StoredMessage {
  messageId: string;
  /** system_id of the session that submitted it. */
  systemId: string;
  /** `ENROUTE` until its final time, then its final state (`DELETED` once cancelled). */
  state: 'ENROUTE' | FinalReceiptState;
  /** message_state value of `state` (§5.2.28). */
  messageState: number;
  submittedAt: Date;
  /** When it became (or becomes) final. */
  finalAt: Date;
  /** A query_sm found it. */
  queried: boolean;
  /** A replace_sm changed it (`pdu` shows the replacement). */
  replaced: boolean;
  /** A cancel_sm deleted it (its state is then `DELETED`). */
  cancelled: boolean;
  /** The request as stored: replace_sm changes are applied. */
  pdu: StoredRequest;
}

/** Options of {@link SimulatorMessages.list}. */
export interface ListMessagesOptions {
  /** How many messages at most. @default 50 */
  limit?: number;
  /** Only messages older than this id (for paging back). */
  before?: string;
}

/** Upper bound of {@link SimulatorMessages.list}'s `limit`: each message is decoded to be listed. */
export const MAX_LIST_LIMIT = 1000;

/** Read access to the simulator's bounded message store, by message id. */
export class SimulatorMessages {
  constructor(
    private readonly store: MessageStore,
    private readonly ids: MessageIdAllocator,
  ) {}

  /** Messages held now. */
  get size(): number {
    return this.store.size;
  }

  /** The most messages held; older ones are evicted first. */
  get capacity(): number {
    return this.store.capacity;
  }

  /** The message with this id, or `undefined` if it is unknown or was evicted. */
  get(messageId: string): StoredMessage | undefined {
    const counter = this.ids.parse(messageId);
    return counter === undefined ? undefined : this.viewOf(counter, Date.now());
  }

  /**
   * The newest messages first, at most `limit`, optionally only those older than `before`.
   *
   * @throws RangeError naming `limit` (not an integer 1-1000) or `before` (not an id this simulator makes).
   */
  list(options: ListMessagesOptions = {}): StoredMessage[] {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new RangeError(`limit ${limit} must be an integer 1-${MAX_LIST_LIMIT}.`);
    }
    let from = this.store.newest;
    if (options.before !== undefined) {
      const before = this.ids.parse(options.before);
      if (before === undefined) {
        throw new RangeError(`before "${options.before}" is not a ${this.ids.format} message id.`);
      }
      from = Math.min(from, before - 1);
    }
    // Counters are consecutive and the store keeps the last `capacity` of them, so walking down from the
    // newest visits every held message once and stops where the ring's history ends.
    const oldest = Math.max(0, this.store.newest - this.store.capacity + 1);
    const now = Date.now();
    const out: StoredMessage[] = [];
    for (let counter = from; counter >= oldest && out.length < limit; counter--) {
      const message = this.viewOf(counter, now);
      if (message !== undefined) out.push(message);
    }
    return out;
  }

  private viewOf(counter: number, now: number): StoredMessage | undefined {
    const view = this.store.get(counter, now);
    if (view === undefined) return undefined;
    return {
      messageId: this.ids.render(counter),
      systemId: view.systemId,
      state: view.state,
      messageState: view.messageState,
      submittedAt: new Date(view.submittedAt),
      finalAt: new Date(view.finalAt),
      queried: view.queried,
      replaced: view.replaced,
      cancelled: view.cancelled,
      pdu: decodeStored(view.frame),
    };
  }
}
