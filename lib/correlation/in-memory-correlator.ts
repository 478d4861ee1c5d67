import type { CorrelationEntry, CorrelationWatch, Correlator } from './correlator.interface.js';
import { OrderedStringTable } from './ordered-string-table.js';

/** Options of {@link InMemoryCorrelator}. */
export interface InMemoryCorrelatorOptions {
  /** How long an entry lives: receipts can come hours later. @default 86400000 (24 h) */
  ttlMs?: number;
  /** Most entries held; the oldest go first beyond it. @default 1000000 */
  maxEntries?: number;
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
}

/**
 * The default correlator: a table from the SMSC's (normalised) message id to the caller's correlation entry.
 *
 * @remarks
 * O(1) `put`/`get`. Memory stays bounded two ways: the table keeps insertion order, so the oldest entries
 * come first; each `put` drops a few expired ones from there (lazy expiry, no timer), and beyond
 * `maxEntries` the oldest is evicted. The table is an {@link OrderedStringTable}, not a `Map`: with receipts
 * arriving right after their submit_sm_resp a `Map` churned its hash tables and promoted its entries (see there). `get` never returns an expired entry. One process only: use
 * `RedisCorrelator` when receipts may reach another replica. `watch` serves clients of one process that share
 * this instance (a receipt on one client's session for a message the other sent).
 */
export class InMemoryCorrelator implements Correlator {
  /** Entries with their expiry time (epoch ms) as the number. */
  private readonly table = new OrderedStringTable<CorrelationEntry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Callbacks of `watch`, by message id: several clients in one process may share this correlator. */
  private readonly watchers = new Map<string, Array<(entry: CorrelationEntry) => void>>();
  private evicted = 0;
  private puts = 0;

  constructor(options: InMemoryCorrelatorOptions = {}) {
    this.ttlMs = options.ttlMs ?? 86_400_000;
    this.maxEntries = options.maxEntries ?? 1_000_000;
    this.now = options.now ?? Date.now;
    if (!(this.ttlMs > 0)) throw new RangeError(`ttlMs must be > 0, got ${String(this.ttlMs)}`);
    if (!(Number.isInteger(this.maxEntries) && this.maxEntries >= 1)) {
      throw new RangeError(`maxEntries must be an integer ≥ 1, got ${String(this.maxEntries)}`);
    }
  }

  /** Entries held (expired ones not yet swept included). */
  get size(): number {
    return this.table.size;
  }

  /** Entries dropped because the store was full before they expired. */
  get evictedCount(): number {
    return this.evicted;
  }

  put(entry: CorrelationEntry): void {
    const now = this.now();
    // Re-inserting moves the id to the back, keeping the front the oldest.
    this.table.set(entry.messageId, entry, now + this.ttlMs);
    // Sweeping every 32nd put (32 entries at most) keeps the per-put cost flat.
    if ((++this.puts & 31) === 0) this.sweep(now, 32);
    while (this.table.size > this.maxEntries) {
      this.table.delete(this.table.oldestKey() as string);
      this.evicted++;
    }
    // One size check on the hot path: watches exist only while early receipts are held.
    if (this.watchers.size > 0) this.notify(entry);
  }

  watch(messageId: string, _holdMs: number, onStored: (entry: CorrelationEntry) => void): CorrelationWatch {
    const entry = this.get(messageId);
    if (entry !== undefined) return { entry, cancel: () => undefined };
    const list = this.watchers.get(messageId);
    if (list === undefined) this.watchers.set(messageId, [onStored]);
    else list.push(onStored);
    return {
      cancel: () => {
        const current = this.watchers.get(messageId);
        if (current === undefined) return;
        const rest = current.filter((callback) => callback !== onStored);
        if (rest.length === 0) this.watchers.delete(messageId);
        else this.watchers.set(messageId, rest);
      },
    };
  }

  get(messageId: string): CorrelationEntry | undefined {
    const record = this.table.find(messageId);
    if (record < 0) return undefined;
    if (this.table.numberAt(record) <= this.now()) {
      this.table.delete(messageId);
      return undefined;
    }
    return this.table.valueAt(record);
  }

  delete(messageId: string): void {
    this.table.delete(messageId);
  }

  close(): Promise<void> {
    this.table.clear();
    this.watchers.clear();
    return Promise.resolve();
  }

  private notify(entry: CorrelationEntry): void {
    const list = this.watchers.get(entry.messageId);
    if (list === undefined) return;
    this.watchers.delete(entry.messageId);
    for (const onStored of list) onStored(entry);
  }

  /** Drops up to `budget` expired entries from the front (bounded work per call). */
  private sweep(now: number, budget: number): void {
    const table = this.table;
    while (budget-- > 0 && table.size > 0 && table.oldestNumber() <= now) {
      table.delete(table.oldestKey() as string);
    }
  }
}
