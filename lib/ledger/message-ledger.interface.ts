import type { ReceiptState } from '../protocol/receipt/message-state.constants.js';

/**
 * Where a message is in its life, as the ledger reports it.
 *
 * @remarks
 * `queued` (handed to `send()`), `sending` (a submit_sm is out), `retrying` (a transient failure, back in the
 * queue), `submitted` (the SMSC accepted every part), then a final state: `failed` (never accepted, with the
 * reason), or the delivery receipts' verdict once every part has a final one: `delivered` (all parts DELIVRD)
 * or the first other state among the parts (`undeliverable`, `expired`, `deleted`, `rejected`, `accepted`,
 * `skipped`). A message sent without asking for a success receipt is final at `submitted`.
 */
export type MessageStatus =
  | 'queued'
  | 'sending'
  | 'retrying'
  | 'submitted'
  | 'delivered'
  | 'undeliverable'
  | 'expired'
  | 'deleted'
  | 'rejected'
  | 'accepted'
  | 'skipped'
  | 'failed';

/**
 * One fact about a message, as the client records it (the write side of the ledger).
 *
 * @remarks
 * `at` is epoch milliseconds. Entries are plain objects built once on the send path; the ledger keeps them as
 * the message's history (`MessageHistory.events`) and folds them into its current state.
 */
export type LedgerEntry =
  | {
      type: 'queued';
      correlationId: string;
      at: number;
      client: string;
      to: string;
      from?: string;
      metadata?: Record<string, unknown>;
      /** Only with the ledger's `recordText` option. */
      text?: string;
    }
  | {
      /** A submit_sm went out (one per part and attempt). */
      type: 'submit';
      correlationId: string;
      at: number;
      client: string;
      to: string;
      from?: string;
      /** 0-based part, for parts of a long message. */
      part?: number;
      parts?: number;
      /** Whether registered_delivery asked for a receipt on success (SMPP 3.4 §5.2.17). */
      receiptRequested: boolean;
    }
  | { type: 'retry'; correlationId: string; at: number; attempt: number; reason: string; delayMs: number }
  | { type: 'submitted'; correlationId: string; at: number; attempt: number; messageIds: string[] }
  | {
      type: 'failed';
      correlationId: string;
      at: number;
      attempt: number;
      reason: string;
      commandStatus?: number;
    }
  | {
      /** A router moved the message from one client to the next (`SmppRouter`'s 'failover' event). */
      type: 'failover';
      correlationId: string;
      at: number;
      route: string;
      from: string;
      /** The client that takes it next; null when none could then (the router tries the route again later). */
      to: string | null;
      /** `unbound`, `queue-full`, `circuit-open`, `status`, `timeout` or `connection-lost`. */
      reason: string;
      /** The status name when `reason` is `status`. */
      status?: string;
      /** `from` may have the message (or some parts of it) although no answer said so. */
      mayDuplicate: boolean;
    }
  | {
      /** A router's message accepted by `client`'s SMSC (`SmppRouter`'s 'routed' event): the client that handled it. */
      type: 'routed';
      correlationId: string;
      at: number;
      route: string;
      client: string;
      /** Submits over every client of the route. */
      attempts: number;
      messageIds: string[];
    }
  | {
      type: 'receipt';
      correlationId: string;
      at: number;
      messageId: string;
      state: ReceiptState;
      final: boolean;
      errorCode?: string;
      /** 0-based part the receipt is for (0 for a one-part message). */
      part: number;
      parts: number;
    };

/** The kinds of {@link LedgerEntry}. */
export type LedgerEntryType = LedgerEntry['type'];

/** One event of a message's history: an entry without the fields the history already names, `at` as a Date. */
export type LedgerEvent = DistributiveOmit<LedgerEntry, 'correlationId' | 'at' | 'client'> & { at: Date };

/** A final receipt of one part. */
export interface PartReceipt {
  /** 0-based part. */
  part: number;
  messageId: string;
  state: ReceiptState;
  errorCode?: string;
  at: Date;
}

/** What the ledger knows about a message, without its event list (what `findMessages` returns). */
export interface MessageSummary {
  correlationId: string;
  /** The client (SMSC account) that handled it. */
  client?: string;
  to?: string;
  from?: string;
  metadata?: Record<string, unknown>;
  /** The text, when the ledger records it (`recordText`). */
  text?: string;
  status: MessageStatus;
  /** No further state will follow (failed, every part's final receipt in, or accepted without a receipt asked). */
  final: boolean;
  /** Why it failed or was not delivered: the status name (`ESME_RINVDSTADR`), error class, or receipt state and error code. */
  reason?: string;
  /** The SMSC's message id of each part, once submitted. */
  messageIds: string[];
  /** Submit attempts the client made (retries included). */
  attempts: number;
  /** The final receipt of each part received so far, in part order. */
  receipts: PartReceipt[];
  createdAt: Date;
  updatedAt: Date;
  finalAt?: Date;
}

/** A message with its whole history, oldest event first (what `getMessage` returns). */
export interface MessageHistory extends MessageSummary {
  events: LedgerEvent[];
}

/** What `findMessages` looks for; every field narrows the search. Newest first. */
export interface FindMessagesQuery {
  /** destination_addr, exactly as sent. */
  to?: string;
  /** One status or any of several. */
  status?: MessageStatus | MessageStatus[];
  /** Only messages first recorded at or after this time. */
  since?: Date;
  /** Most messages returned. @default 100 (at most 1000) */
  limit?: number;
}

/** Counters of a ledger, for dashboards and health checks. */
export interface LedgerStats {
  /** Entries handed to `record()`. */
  recorded: number;
  /** Entries stored. */
  written: number;
  /** Entries waiting to be stored. */
  pending: number;
  /** Failed writes (each retried). */
  writeFailures: number;
  /** Entries given up because the pending buffer was full during an outage (each logged). */
  dropped: number;
  /** Messages purged by retention (or evicted by the in-memory bound). */
  purged: number;
  /** The last write error, while writes fail. */
  lastError?: string;
}

/**
 * The message ledger policy: every message's lifecycle, queryable afterwards ("what happened to message X?").
 *
 * @remarks
 * The client calls `record()` on its send path, so it must return at once and never throw: writes are batched
 * and stored off that path, and a store that is down is retried, logged and counted, never allowed to stop
 * sending. Bind your own with the `NAZ_MESSAGE_LEDGER` token; `InMemoryMessageLedger` (bounded) is the
 * default, `PostgresMessageLedger` keeps months of history across replicas.
 */
export interface MessageLedger {
  /** Whether `queued` entries should carry the message text (the recorder leaves it out otherwise). */
  readonly recordText?: boolean;
  /**
   * `record()` copies what it keeps and holds no reference to the entry object after it returns (the fields'
   * values, such as `metadata` or `messageIds`, may be kept). The client's recorder then reuses one entry object
   * per kind instead of building one per message. Leave it unset if your ledger buffers entries.
   */
  readonly copiesEntries?: boolean;
  /**
   * For a ledger that stores the send path's facts straight from their fields: the client then writes `queued`,
   * `submit` and `submitted` through it instead of `record()`, without an entry object (see
   * {@link DirectLedgerWriter}). The in-memory ledger has one.
   */
  readonly directWriter?: DirectLedgerWriter;
  /** Takes one entry; returns at once, never throws. */
  record(entry: LedgerEntry): void;
  /** The message with its whole history, or undefined when the ledger has none (never recorded, or purged). */
  getMessage(correlationId: string): Promise<MessageHistory | undefined>;
  /** Messages matching the query, newest first. */
  findMessages(query?: FindMessagesQuery): Promise<MessageSummary[]>;
  /** Resolves once every entry recorded so far is stored (or could not be). */
  flush(): Promise<void>;
  stats(): LedgerStats;
  /** Stores what is pending and releases connections. */
  close?(): Promise<void>;
}

/**
 * The send path's frequent facts, written from their fields: what `record()` would take as `queued`, `submit`,
 * `submitted` and `receipt` entries, without building them.
 *
 * @remarks
 * `appendQueued` returns a handle the client keeps on the queued message object (and on the correlation
 * entries of its parts); the message's `submit`, `submitted` and `receipt` facts then pass it, and the writer
 * may name the message by it instead of its correlation id (-1: no handle, e.g. a message read back from a
 * durable queue). Like `record()`, these return at once and never throw.
 *
 * The client writes these in batches, once per event-loop turn (see `attachBatchSource`); a 36-character id
 * it copied while it was still the UUID generator's last comes as nine words (`idWords` from `idWordsAt`).
 */
export interface DirectLedgerWriter {
  appendQueued(
    correlationId: string,
    at: number,
    client: string,
    to: string,
    from: string | undefined,
    metadata: Record<string, unknown> | undefined,
    text: string | undefined,
    idWords?: Int32Array,
    idWordsAt?: number,
  ): number;
  /**
   * Registers a writer that holds facts back and writes them through these methods in batches: the ledger calls
   * `writeBatch` before it reads, and before any entry `record()` takes, so every read sees every fact and a
   * message's history keeps the order its facts were recorded in. Returns the function that unregisters it.
   */
  attachBatchSource(writeBatch: () => void): () => void;
  appendSubmit(
    handle: number,
    correlationId: string,
    at: number,
    client: string,
    to: string,
    from: string | undefined,
    part: number | undefined,
    parts: number | undefined,
    receiptRequested: boolean,
  ): void;
  appendSubmitted(
    handle: number,
    correlationId: string,
    at: number,
    attempt: number,
    messageIds: string[],
  ): void;
  /** A `receipt`, its state as the message_state number (SMPP 3.4 §5.2.28). */
  appendReceipt(
    handle: number,
    correlationId: string,
    at: number,
    messageId: string,
    state: number,
    final: boolean,
    errorCode: string | undefined,
    part: number,
    parts: number,
  ): void;
}

/** `Omit` applied to each member of a union (plain `Omit` merges the members into one). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
