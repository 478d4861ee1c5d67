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
  /** The request as stored: replace_sm changes are applied. */
  pdu: StoredRequest;
}

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
    const view = counter === undefined ? undefined : this.store.get(counter);
    if (view === undefined) return undefined;
    return {
      messageId,
      systemId: view.systemId,
      state: view.state,
      messageState: view.messageState,
      submittedAt: new Date(view.submittedAt),
      finalAt: new Date(view.finalAt),
      pdu: decodeStored(view.frame),
    };
  }
}
