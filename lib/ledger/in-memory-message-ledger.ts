import {
  NAZ_MESSAGE_LEDGER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../tokens.js';
import { CorrelationSlotIndex, correlationHash } from './correlation-slot-index.js';
import { matchesQuery, queryLimit } from './find-messages-query.js';
import { LedgerEventRing, type LedgerMessageFields } from './ledger-event-ring.js';
import { toMessageHistory, toStoredEvent } from './ledger-events.js';
import { applyLedgerEntry, newLedgerState, toMessageSummary, type LedgerState } from './ledger-state.js';
import type {
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
   * Most events kept, all messages together (preallocated: ~50 bytes each); when full, the oldest messages are
   * forgotten first. @default 8 × maxMessages (a one-part message with a receipt takes 4)
   */
  maxEvents?: number;
  /** Messages first recorded longer ago than this are forgotten. @default 86400000 (24 h) */
  retentionMs?: number;
  /** Most events kept per message (a message retried for hours keeps its first and latest ones). @default 100 */
  maxEventsPerMessage?: number;
  /** Record the message text with `queued` (off by default: texts such as one-time codes are sensitive). @default false */
  recordText?: boolean;
}

/** How often `record()` looks for messages past `retentionMs`. */
const RETENTION_CHECK_MS = 1_000;

/**
 * The default ledger: the last `maxMessages` messages of this process, in memory, in a fixed amount of it.
 *
 * @remarks
 * - `record()` is O(1) and allocates nothing per entry: a message takes a slot of preallocated columns (a ring:
 *   the slot reused next is the oldest message's), its events take cells of a preallocated event ring
 *   ({@link LedgerEventRing}), and a preallocated open-addressing table ({@link CorrelationSlotIndex}) finds
 *   the slot by correlation id; most entries after `queued` find theirs by comparing one id (see `hints`). The message's state is
 *   folded from its events when read (`getMessage`, `findMessages`), with the same fold as the PostgreSQL ledger.
 * - Memory is bounded by `maxMessages` and `maxEvents` (about 5 MB at the defaults), plus the strings and
 *   arrays the events name (correlation ids, message ids, metadata).
 * - Gone when the process ends: use `PostgresMessageLedger` for history that lasts and is shared by replicas.
 */
export class InMemoryMessageLedger implements MessageLedger {
  /** Whether `queued` entries carry the text. */
  readonly recordText: boolean;
  /** `record()` copies an entry into its columns (an entry of a kind it has no columns for is kept whole). */
  readonly copiesEntries = true;
  private readonly maxMessages: number;
  private readonly retentionMs: number;
  private readonly maxEvents: number;

  private readonly ids: Array<string | undefined>;
  /** {@link correlationHash} of each slot's id. */
  private readonly hashes: Int32Array;
  private readonly index: CorrelationSlotIndex;
  /**
   * Per kind of entry (submit, submitted, receipt, other), the sequence number of the message the last one was
   * for: messages go through each stage in about the order they were queued, so the next entry of a kind is
   * most often for the same message (another part) or the next one, found by comparing one id, without hashing.
   */
  private readonly hints = new Int32Array(4);
  private readonly clients: Array<string | undefined>;
  private readonly tos: Array<string | undefined>;
  private readonly froms: Array<string | undefined>;
  private readonly metadatas: Array<Record<string, unknown> | undefined>;
  private readonly texts: Array<string | undefined>;
  private readonly firstCell: Int32Array;
  private readonly lastCell: Int32Array;
  private readonly eventCount: Uint32Array;
  private readonly ring: LedgerEventRing;
  /** Slots are taken in order of first sight: `oldest`..`newest` (sequence numbers, slot = seq % maxMessages). */
  private oldest = 0;
  /** `oldest % maxMessages` and `next % maxMessages`, kept beside them (no division per entry). */
  private oldestSlot = 0;
  private nextSlot = 0;
  private next = 0;
  private readonly counters = { recorded: 0, purged: 0 };
  private nextRetentionAt = 0;

  /**
   * A Nest provider under `NAZ_MESSAGE_LEDGER` (or a named client's), without importing Nest. The ledger is off
   * unless you bind one: `extraProviders: [InMemoryMessageLedger.provider()]`.
   */
  static provider(
    options: NazPolicyProviderOptions<InMemoryMessageLedgerOptions> = {},
  ): NazFactoryProvider<InMemoryMessageLedger> {
    return nazPolicyProvider(NAZ_MESSAGE_LEDGER, options, (resolved) => new InMemoryMessageLedger(resolved));
  }

  constructor(options: InMemoryMessageLedgerOptions = {}) {
    const max = (this.maxMessages = positiveInteger('maxMessages', options.maxMessages ?? 10_000));
    this.retentionMs = positiveInteger('retentionMs', options.retentionMs ?? 86_400_000);
    this.maxEvents = positiveInteger('maxEventsPerMessage', options.maxEventsPerMessage ?? 100);
    this.recordText = options.recordText ?? false;
    const cells = positiveInteger('maxEvents', options.maxEvents ?? max * 8);
    this.ids = new Array<string | undefined>(max).fill(undefined);
    this.hashes = new Int32Array(max);
    this.index = new CorrelationSlotIndex(max, this.ids, this.hashes);
    this.clients = new Array<string | undefined>(max).fill(undefined);
    this.tos = new Array<string | undefined>(max).fill(undefined);
    this.froms = new Array<string | undefined>(max).fill(undefined);
    this.metadatas = new Array<Record<string, unknown> | undefined>(max).fill(undefined);
    this.texts = new Array<string | undefined>(max).fill(undefined);
    this.firstCell = new Int32Array(max).fill(-1);
    this.lastCell = new Int32Array(max).fill(-1);
    this.eventCount = new Uint32Array(max);
    this.ring = new LedgerEventRing(cells, (slot, cell) => {
      if (this.firstCell[slot] === cell) this.forget(slot);
    });
  }

  record(entry: LedgerEntry): void {
    this.counters.recorded++;
    const id = entry.correlationId;
    const kind = hintOf(entry.type);
    let slot = kind < 0 ? -1 : this.recent(id, kind);
    if (slot < 0) {
      const hash = correlationHash(id);
      slot = this.index.find(id, hash);
      if (slot < 0) slot = this.open(id, hash);
      if (kind >= 0) this.hints[kind] = slot;
    }
    if (this.eventCount[slot]! >= this.maxEvents) {
      // Keep the first event (when and how it started) and the latest ones.
      const first = this.firstCell[slot]!;
      if (this.ring.dropNext(first) < 0) this.lastCell[slot] = first;
      this.eventCount[slot]!--;
    }
    const cell = this.ring.push(slot, entry, this.lastCell[slot]!);
    if (this.ids[slot] !== id) {
      // Making room, the ring forgot this very message (its first cell was the oldest): it starts over.
      slot = this.open(id, correlationHash(id));
      this.ring.relink(cell, slot);
    }
    if (this.firstCell[slot]! < 0) this.firstCell[slot] = cell;
    this.lastCell[slot] = cell;
    this.eventCount[slot]!++;
    switch (entry.type) {
      case 'queued':
        // The message's own fields, kept once (the queued cell does not repeat them).
        this.clients[slot] ??= entry.client;
        this.tos[slot] = entry.to;
        if (entry.from !== undefined) this.froms[slot] = entry.from;
        if (entry.metadata !== undefined) this.metadatas[slot] = entry.metadata;
        if (entry.text !== undefined) this.texts[slot] = entry.text;
        break;
      case 'submit':
        this.clients[slot] ??= entry.client;
        this.tos[slot] ??= entry.to;
        if (entry.from !== undefined) this.froms[slot] ??= entry.from;
        break;
    }
    if (entry.at >= this.nextRetentionAt) this.applyRetention(entry.at);
  }

  getMessage(correlationId: string): Promise<MessageHistory | undefined> {
    const slot = this.index.find(correlationId, correlationHash(correlationId));
    if (slot < 0) return Promise.resolve(undefined);
    const entries = this.entriesOf(slot);
    return Promise.resolve(toMessageHistory(fold(correlationId, entries), entries.map(toStoredEvent)));
  }

  findMessages(query: FindMessagesQuery = {}): Promise<MessageSummary[]> {
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
    return Promise.resolve(found);
  }

  /** Nothing is pending: `record()` stores at once. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to release. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  stats(): LedgerStats {
    const { recorded, purged } = this.counters;
    return { recorded, written: recorded, purged, pending: 0, writeFailures: 0, dropped: 0 };
  }

  /**
   * The slot of the message the last entry of this kind was for, or the slot after it, if `id` is its message;
   * else -1. (A slot reused since holds another id: the comparison is the whole check.)
   */
  private recent(id: string, kind: number): number {
    const last = this.hints[kind]!;
    if (this.ids[last] === id) return last;
    const slot = last + 1 === this.maxMessages ? 0 : last + 1;
    if (this.ids[slot] !== id) return -1;
    this.hints[kind] = slot;
    return slot;
  }

  /** Takes the next slot for a message first seen now, forgetting the slot's previous message if any. */
  private open(correlationId: string, hash: number): number {
    if (this.next - this.oldest >= this.maxMessages) this.forget(this.oldestSlot);
    const slot = this.nextSlot;
    this.nextSlot = slot + 1 === this.maxMessages ? 0 : slot + 1;
    this.next++;
    this.ids[slot] = correlationId;
    this.hashes[slot] = hash;
    this.index.add(slot);
    return slot;
  }

  /** Forgets a slot's message (evicted or past retention). */
  private forget(slot: number): void {
    const id = this.ids[slot];
    if (id !== undefined) {
      this.counters.purged++;
      this.index.remove(slot);
    }
    this.ids[slot] = undefined;
    this.clients[slot] = undefined;
    this.tos[slot] = undefined;
    this.froms[slot] = undefined;
    this.metadatas[slot] = undefined;
    this.texts[slot] = undefined;
    this.firstCell[slot] = -1;
    this.lastCell[slot] = -1;
    this.eventCount[slot] = 0;
    // Forgetting goes oldest first (by capacity, by age, or by the event ring); skip what is gone already.
    while (this.oldest < this.next && this.ids[this.oldestSlot] === undefined) {
      this.oldest++;
      this.oldestSlot = this.oldestSlot + 1 === this.maxMessages ? 0 : this.oldestSlot + 1;
    }
  }

  /** Forgets messages whose first event is older than `retentionMs`. */
  private applyRetention(now: number): void {
    this.nextRetentionAt = now + RETENTION_CHECK_MS;
    const cutoff = now - this.retentionMs;
    while (this.oldest < this.next) {
      const slot = this.oldestSlot;
      const first = this.firstCell[slot]!;
      if (first >= 0 && this.ring.atOf(first) >= cutoff) return;
      this.forget(slot);
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
    for (let cell = this.firstCell[slot]!; cell >= 0; cell = this.ring.next(cell))
      entries.push(this.ring.entryAt(cell, fields));
    return entries;
  }
}

/** Which hint an entry kind uses; -1 for `queued` (a message first seen, found by its hash). */
function hintOf(type: LedgerEntry['type']): number {
  switch (type) {
    case 'queued':
      return -1;
    case 'submit':
      return 0;
    case 'submitted':
      return 1;
    case 'receipt':
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

function positiveInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0))
    throw new RangeError(`InMemoryMessageLedger ${name} must be an integer > 0, got ${String(value)}`);
  return value;
}
