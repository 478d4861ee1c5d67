import {
  NAZ_MESSAGE_LEDGER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../tokens.js';
import { CorrelationSlotIndex, correlationHash } from './correlation-slot-index.js';
import { matchesQuery, queryLimit } from './find-messages-query.js';
import { LedgerEventKind, LedgerEventLog, type LedgerMessageFields } from './ledger-event-log.js';
import { toMessageHistory, toStoredEvent } from './ledger-events.js';
import { applyLedgerEntry, newLedgerState, toMessageSummary, type LedgerState } from './ledger-state.js';
import type {
  DirectLedgerWriter,
  FindMessagesQuery,
  LedgerEntry,
  LedgerStats,
  MessageHistory,
  MessageLedger,
  MessageSummary,
} from './message-ledger.interface.js';

/** Options of {@link InMemoryMessageLedger}. */
export interface InMemoryMessageLedgerOptions {
  /** Most messages kept; beyond it the oldest is forgotten (counted in `stats().purged`). @default 10000 */
  maxMessages?: number;
  /**
   * Most events kept, all messages together (preallocated: ~170 bytes each); when full, the oldest messages are
   * forgotten first. @default 8 × maxMessages (a one-part message with a receipt takes 4)
   */
  maxEvents?: number;
  /** Messages first recorded longer ago than this are forgotten. @default 86400000 (24 h) */
  retentionMs?: number;
  /**
   * Most events kept per message, at least 2 (a message retried for hours keeps its first and latest ones).
   * @default 100
   */
  maxEventsPerMessage?: number;
  /** Record the message text with `queued` (off by default: texts such as one-time codes are sensitive). @default false */
  recordText?: boolean;
}

/** How often, in event time, indexing looks for messages past `retentionMs`. */
const RETENTION_CHECK_MS = 1_000;

/**
 * Cells a read links per event-loop turn while it catches up: a read after a long quiet links up to `maxEvents`
 * cells (~0.2 µs each), so it yields between chunks rather than hold the loop for tens of milliseconds.
 */
const CATCH_UP_CHUNK = 16_384;

/**
 * The default ledger: the last `maxMessages` messages of this process, in memory, in a fixed amount of it.
 *
 * @remarks
 * - `record()` appends the entry to a preallocated log of columns ({@link LedgerEventLog}) and does nothing
 *   else: it allocates nothing and looks nothing up, so the send path pays a few stores per entry.
 * - A read (`getMessage`, `findMessages`) first indexes what was appended since the last one: each message gets
 *   a slot of preallocated columns (a ring: the slot reused next is the oldest message's), found by correlation
 *   id through a preallocated open-addressing table ({@link CorrelationSlotIndex}), and its cells are chained
 *   in order. The limits (`maxMessages`, `maxEventsPerMessage`, `retentionMs`, by the events' own times) are
 *   applied as the cells are indexed, so what a read sees does not depend on when reads happen. The message's
 *   state is folded from its events when read, with the same fold as the PostgreSQL ledger.
 * - Memory is bounded by `maxMessages` and `maxEvents`: about 15 MB at the defaults once full (measured), plus
 *   what the events name by reference (metadata, the message ids of long messages, and ids, destinations or
 *   message ids too long to copy). Each client of a Nest app gets its own unless you bind one for all.
 * - `stats().purged` counts forgotten messages by their `queued` events (one each, unless a message was queued
 *   again under the same id): those of messages forgotten as of the last read, plus those overwritten before
 *   any read. So the count does not depend on when reads happen.
 * - Gone when the process ends: use `PostgresMessageLedger` for history that lasts and is shared by replicas.
 */
export class InMemoryMessageLedger implements MessageLedger {
  /** Whether `queued` entries carry the text. */
  readonly recordText: boolean;
  /** `record()` copies an entry into its columns. */
  readonly copiesEntries = true;
  /** The client writes `queued`, `submit` and `submitted` straight into the log. */
  readonly directWriter: DirectLedgerWriter;
  private readonly maxMessages: number;
  private readonly retentionMs: number;
  private readonly maxEvents: number;
  private readonly log: LedgerEventLog;

  // The index, built from the log when read: one slot per message.
  private readonly ids: Array<string | undefined>;
  /** {@link correlationHash} of each slot's id. */
  private readonly hashes: Int32Array;
  private readonly index: CorrelationSlotIndex;
  /**
   * Per kind of event (submit, submitted, receipt, other), the slot of the message the last one was for:
   * messages go through each stage in about the order they were queued, so the next event of a kind is most
   * often for the same message (another part) or the next one, found by comparing one id, without hashing.
   */
  private readonly hints = new Int32Array(4);
  private readonly clients: Array<string | undefined>;
  private readonly tos: Array<string | undefined>;
  private readonly froms: Array<string | undefined>;
  private readonly metadatas: Array<Record<string, unknown> | undefined>;
  private readonly texts: Array<string | undefined>;
  /** The sequence number of each slot's first cell (-1: none); Float64: it outgrows 32 bits in a long life. */
  private readonly firstSeq: Float64Array;
  private readonly lastCell: Int32Array;
  private readonly eventCount: Uint32Array;
  /** `queued` events indexed for each slot: `purged` counts a message by them, as it counts unread ones. */
  private readonly queuedCount: Uint32Array;
  /** Slots are taken in order of first sight: `oldest`..`newest` (sequence numbers, slot = seq % maxMessages). */
  private oldest = 0;
  /** `oldest % maxMessages` and `next % maxMessages`, kept beside them (no division per cell). */
  private oldestSlot = 0;
  private nextSlot = 0;
  private next = 0;
  private purged = 0;
  private nextRetentionAt = 0;
  private catchingUp: Promise<void> | undefined;

  /**
   * A Nest provider under `NAZ_MESSAGE_LEDGER` (or a named client's), without importing Nest. The module binds
   * one with the default options; bind this to set yours: `extraProviders: [InMemoryMessageLedger.provider({
   * maxMessages: 50_000 })]`.
   */
  static provider(
    options: NazPolicyProviderOptions<InMemoryMessageLedgerOptions> = {},
  ): NazFactoryProvider<InMemoryMessageLedger> {
    return nazPolicyProvider(NAZ_MESSAGE_LEDGER, options, (resolved) => new InMemoryMessageLedger(resolved));
  }

  constructor(options: InMemoryMessageLedgerOptions = {}) {
    const max = (this.maxMessages = positiveInteger('maxMessages', options.maxMessages ?? 10_000));
    this.retentionMs = positiveInteger('retentionMs', options.retentionMs ?? 86_400_000);
    this.maxEvents = positiveInteger('maxEventsPerMessage', options.maxEventsPerMessage ?? 100, 2);
    this.recordText = options.recordText ?? false;
    this.log = new LedgerEventLog(positiveInteger('maxEvents', options.maxEvents ?? max * 8));
    this.directWriter = this.log;
    this.ids = new Array<string | undefined>(max).fill(undefined);
    this.hashes = new Int32Array(max);
    this.index = new CorrelationSlotIndex(max, this.ids, this.hashes);
    this.clients = new Array<string | undefined>(max).fill(undefined);
    this.tos = new Array<string | undefined>(max).fill(undefined);
    this.froms = new Array<string | undefined>(max).fill(undefined);
    this.metadatas = new Array<Record<string, unknown> | undefined>(max).fill(undefined);
    this.texts = new Array<string | undefined>(max).fill(undefined);
    this.firstSeq = new Float64Array(max).fill(-1);
    this.lastCell = new Int32Array(max).fill(-1);
    this.eventCount = new Uint32Array(max);
    this.queuedCount = new Uint32Array(max);
  }

  record(entry: LedgerEntry): void {
    this.log.append(entry);
  }

  async getMessage(correlationId: string): Promise<MessageHistory | undefined> {
    await this.caughtUp();
    const slot = this.index.find(correlationId, correlationHash(correlationId));
    if (slot < 0) return undefined;
    const entries = this.entriesOf(slot);
    return toMessageHistory(fold(correlationId, entries), entries.map(toStoredEvent));
  }

  async findMessages(query: FindMessagesQuery = {}): Promise<MessageSummary[]> {
    await this.caughtUp();
    const limit = queryLimit(query);
    const found: MessageSummary[] = [];
    for (let seq = this.next - 1; seq >= this.oldest && found.length < limit; seq--) {
      const slot = seq % this.maxMessages;
      const id = this.ids[slot];
      if (id === undefined) continue;
      // Cheap filters first: most queries name a destination or a time.
      if (query.to !== undefined && this.tos[slot] !== query.to) continue;
      const state = fold(id, this.entriesOf(slot));
      if (matchesQuery(state, query)) found.push(toMessageSummary(state));
    }
    // Slot order is first sight; `createdAt` may be earlier for a message whose first entry came late.
    found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return found;
  }

  /** Writes the facts the client's recorders hold for the current turn; `record()` itself stores at once. */
  flush(): Promise<void> {
    this.log.writeBatches();
    return Promise.resolve();
  }

  /** Nothing to release. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  stats(): LedgerStats {
    this.log.writeBatches();
    const recorded = this.log.written;
    const purged = this.purged + this.log.unreadQueuedLost;
    return { recorded, written: recorded, purged, pending: 0, writeFailures: 0, dropped: 0 };
  }

  /** Resolves once every cell appended before it settles is indexed (in chunks, yielding between them). */
  private caughtUp(): Promise<void> {
    if (this.catchingUp !== undefined) return this.catchingUp;
    // The common read (few cells since the last one) indexes them now and waits for nothing.
    if (this.indexSome(CATCH_UP_CHUNK)) return Promise.resolve();
    this.catchingUp = new Promise<void>((resolve) => {
      const step = (): void => {
        if (!this.indexSome(CATCH_UP_CHUNK)) {
          setImmediate(step);
          return;
        }
        this.catchingUp = undefined;
        resolve();
      };
      setImmediate(step);
    });
    return this.catchingUp;
  }

  /** Indexes up to `most` cells appended since the last read; whether it caught up. */
  private indexSome(most: number): boolean {
    const log = this.log;
    // The client's recorders hold the facts of the current event-loop turn: written first, so a read sees them.
    log.writeBatches();
    // Cells reused since the last read: their messages' first cells went first, so those messages are gone.
    const kept = log.written - log.capacity;
    if (log.indexed < kept) log.indexed = kept;
    this.forgetOverwritten(kept);
    const end = Math.min(log.written, log.indexed + most);
    for (let seq = log.indexed; seq < end; seq++) this.indexCell(seq, log.cellOf(seq));
    log.indexed = end;
    return end === log.written;
  }

  /** Links one cell into its message's chain, taking a slot for a message first seen there. */
  private indexCell(seq: number, cell: number): void {
    const log = this.log;
    const kind = log.kindOf(cell);
    const handle = log.handleOf(cell);
    let slot = handle >= 0 ? this.slotOfHandle(handle) : -1;
    // Where a `submit`'s destination and client are: a cell by handle names them in its `queued` cell.
    let named = cell;
    if (slot < 0) {
      // By id: the cell's own, or, for a handle whose message was forgotten (evicted, past retention), the id its
      // `queued` cell still names: the fact then starts a new history, as one recorded by id does.
      const id = handle >= 0 ? this.idOfHandle(handle) : log.idOf(cell)!;
      // Its `queued` cell was reused as well: the message is gone, and this fact with it.
      if (id === undefined) return;
      if (handle >= 0) named = log.cellOf(handle);
      const hint = hintOf(kind);
      slot = hint < 0 ? -1 : this.recent(id, hint);
      if (slot < 0) {
        const hash = correlationHash(id);
        slot = this.index.find(id, hash);
        if (slot < 0) slot = this.open(id, hash, seq);
        if (hint >= 0) this.hints[hint] = slot;
      }
    }
    const first = log.cellOf(this.firstSeq[slot]!);
    if (this.eventCount[slot]! >= this.maxEvents) {
      // Keep the first event (when and how it started) and the latest ones.
      if (log.dropNext(first) < 0) this.lastCell[slot] = first;
      this.eventCount[slot]!--;
    }
    log.link(cell, slot, seq === this.firstSeq[slot] ? -1 : this.lastCell[slot]!);
    this.lastCell[slot] = cell;
    this.eventCount[slot]!++;
    if (kind === LedgerEventKind.Queued) {
      this.queuedCount[slot]!++;
      // The message's own fields, kept once (the queued cell names them; later reads take them from here).
      this.clients[slot] ??= log.clientOf(cell);
      this.tos[slot] = log.toOf(cell);
      const from = log.fromOf(cell);
      if (from !== undefined) this.froms[slot] = from;
      const metadata = log.metadataOf(cell);
      if (metadata !== undefined) this.metadatas[slot] = metadata;
      const text = log.textOf(cell);
      if (text !== undefined) this.texts[slot] = text;
    } else if (kind === LedgerEventKind.Submit) {
      this.clients[slot] ??= log.clientOf(named);
      this.tos[slot] ??= log.toOf(named);
      const from = log.fromOf(cell);
      if (from !== undefined) this.froms[slot] ??= from;
    }
    const at = log.atOf(cell);
    if (at >= this.nextRetentionAt) this.applyRetention(at);
  }

  /** The slot of the message whose `queued` cell has sequence number `handle`, or -1 if it is forgotten. */
  private slotOfHandle(handle: number): number {
    if (handle < this.log.written - this.log.capacity) return -1;
    const slot = this.log.slotOf(this.log.cellOf(handle));
    // The slot may hold a newer message since (its first cell is later) or none.
    return slot >= 0 && this.ids[slot] !== undefined && this.firstSeq[slot]! <= handle ? slot : -1;
  }

  /** The correlation id the `queued` cell of `handle` names, or undefined if that cell was reused. */
  private idOfHandle(handle: number): string | undefined {
    if (handle < this.log.written - this.log.capacity) return undefined;
    return this.log.idOf(this.log.cellOf(handle));
  }

  /**
   * The slot of the message the last event of this kind was for, or the slot after it, if `id` is its message;
   * else -1. (A slot reused since holds another id: the comparison is the whole check.)
   */
  private recent(id: string, hint: number): number {
    const last = this.hints[hint]!;
    if (this.ids[last] === id) return last;
    const slot = last + 1 === this.maxMessages ? 0 : last + 1;
    if (this.ids[slot] !== id) return -1;
    this.hints[hint] = slot;
    return slot;
  }

  /** Takes the next slot for a message first seen at `seq`, forgetting the slot's previous message if any. */
  private open(correlationId: string, hash: number, seq: number): number {
    if (this.next - this.oldest >= this.maxMessages) this.forget(this.oldestSlot);
    const slot = this.nextSlot;
    this.nextSlot = slot + 1 === this.maxMessages ? 0 : slot + 1;
    this.next++;
    this.ids[slot] = correlationId;
    this.hashes[slot] = hash;
    this.firstSeq[slot] = seq;
    this.index.add(slot);
    return slot;
  }

  /** Forgets a slot's message (evicted, past retention, or its cells reused). */
  private forget(slot: number): void {
    if (this.ids[slot] !== undefined) {
      this.purged += this.queuedCount[slot]!;
      this.index.remove(slot);
    }
    this.ids[slot] = undefined;
    this.clients[slot] = undefined;
    this.tos[slot] = undefined;
    this.froms[slot] = undefined;
    this.metadatas[slot] = undefined;
    this.texts[slot] = undefined;
    this.firstSeq[slot] = -1;
    this.lastCell[slot] = -1;
    this.eventCount[slot] = 0;
    this.queuedCount[slot] = 0;
    // Forgetting goes oldest first (by capacity, by age, or by the log); skip what is gone already.
    while (this.oldest < this.next && this.ids[this.oldestSlot] === undefined) {
      this.oldest++;
      this.oldestSlot = this.oldestSlot + 1 === this.maxMessages ? 0 : this.oldestSlot + 1;
    }
  }

  /** Forgets the messages whose first cell was reused (sequence number below `kept`): oldest first. */
  private forgetOverwritten(kept: number): void {
    while (this.oldest < this.next) {
      const first = this.firstSeq[this.oldestSlot]!;
      if (first >= kept) return;
      this.forget(this.oldestSlot);
    }
  }

  /** Forgets messages whose first event is older than `retentionMs`. */
  private applyRetention(now: number): void {
    this.nextRetentionAt = now + RETENTION_CHECK_MS;
    const cutoff = now - this.retentionMs;
    while (this.oldest < this.next) {
      const first = this.firstSeq[this.oldestSlot]!;
      if (first >= 0 && this.log.atOf(this.log.cellOf(first)) >= cutoff) return;
      this.forget(this.oldestSlot);
    }
  }

  /** A slot's entries, rebuilt from its cells, in the order recorded. */
  private entriesOf(slot: number): LedgerEntry[] {
    const fields: LedgerMessageFields = {
      correlationId: this.ids[slot]!,
      client: this.clients[slot],
      to: this.tos[slot],
      from: this.froms[slot],
      metadata: this.metadatas[slot],
      text: this.texts[slot],
    };
    const entries: LedgerEntry[] = [];
    for (let cell = this.log.cellOf(this.firstSeq[slot]!); cell >= 0; cell = this.log.next(cell))
      entries.push(this.log.entryAt(cell, fields));
    return entries;
  }
}

/** Which hint an event kind uses; -1 for `queued` (a message first seen, found by its hash). */
function hintOf(kind: LedgerEventKind): number {
  switch (kind) {
    case LedgerEventKind.Queued:
      return -1;
    case LedgerEventKind.Submit:
      return 0;
    case LedgerEventKind.Submitted:
      return 1;
    case LedgerEventKind.Receipt:
      return 2;
    default:
      return 3;
  }
}

/** A message's state, folded from its entries. */
function fold(correlationId: string, entries: readonly LedgerEntry[]): LedgerState {
  let createdAt = Infinity;
  for (const entry of entries) createdAt = Math.min(createdAt, entry.at);
  const state = newLedgerState(correlationId, createdAt);
  for (const entry of entries) applyLedgerEntry(state, entry);
  return state;
}

function positiveInteger(name: string, value: number, least = 1): number {
  if (!(Number.isInteger(value) && value >= least))
    throw new RangeError(
      `InMemoryMessageLedger ${name} must be an integer >= ${least}, got ${String(value)}`,
    );
  return value;
}
