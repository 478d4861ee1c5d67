import { InvalidMessagePartError } from './invalid-message-part.error.js';
import type {
  IncomingPart,
  IncompleteMessage,
  MessageReassembler,
  ReassembledMessage,
  ReassemblyKey,
  ReceivedPart,
} from './reassembler.interface.js';

/** Options of {@link Reassembler}. */
export interface ReassemblerOptions {
  /**
   * How long a long message may take to complete, from its first part. Older sets are given up by
   * `sweep()` and reported.
   * @default 300000 (5 minutes)
   */
  timeoutMs?: number;
  /**
   * Most long messages open at once. A new set beyond it evicts the oldest, which is reported.
   * @default 10000
   */
  maxOpenSets?: number;
  /** The clock, in milliseconds. Inject one in tests. @default Date.now */
  now?: () => number;
  /**
   * Called for every set given up (expired, evicted or flushed). Without it, evictions are kept and
   * returned by the next `sweep()` (at most `maxOpenSets` of them), so none goes unreported.
   */
  onIncomplete?: (report: IncompleteMessage) => void;
}

/** Counters of a {@link Reassembler}. */
export interface ReassemblerStats {
  completed: number;
  duplicates: number;
  expired: number;
  evicted: number;
  /** Eviction reports dropped because nobody swept and no onIncomplete was set. */
  unreportedEvictions: number;
}

interface OpenSet extends ReassemblyKey {
  parts: Map<number, ReceivedPart>;
  firstSeenAt: number;
  lastSeenAt: number;
}

/**
 * Joins inbound long-message parts (UDH 8/16-bit or SAR) in memory: any order, duplicates ignored,
 * incomplete sets expired and reported, memory bounded.
 *
 * @remarks
 * Parts belong together when scope, source, destination, method, reference and total match.
 * Nothing here starts a timer: call `sweep()` periodically (e.g. `setInterval(() => r.sweep(), 10_000)`,
 * unref'd) and `flush()` on shutdown. A duplicate of a part arriving after its message completed opens a
 * new set, which later expires with a report: references wrap, so it cannot be told from a new message.
 *
 * @example
 * const reassembler = new Reassembler({ onIncomplete: (r) => logger.warn('long message incomplete', r) });
 * const part = partFromPdu(deliverSm);
 * const message = part ? reassembler.push(part) : undefined;
 * if (message) handle(decodeReassembled(message));
 */
export class Reassembler implements MessageReassembler {
  private readonly timeoutMs: number;
  private readonly maxOpenSets: number;
  private readonly now: () => number;
  private readonly onIncomplete?: (report: IncompleteMessage) => void;
  private readonly open = new Map<string, OpenSet>();
  private unreported: IncompleteMessage[] = [];
  private readonly counters: ReassemblerStats = {
    completed: 0,
    duplicates: 0,
    expired: 0,
    evicted: 0,
    unreportedEvictions: 0,
  };

  constructor(options: ReassemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.maxOpenSets = options.maxOpenSets ?? 10_000;
    this.now = options.now ?? Date.now;
    this.onIncomplete = options.onIncomplete;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0; got ${this.timeoutMs}.`);
    if (!Number.isInteger(this.maxOpenSets) || this.maxOpenSets < 1) {
      throw new RangeError(`maxOpenSets must be an integer >= 1; got ${this.maxOpenSets}.`);
    }
  }

  /** Number of long messages waiting for parts. */
  get openSets(): number {
    return this.open.size;
  }

  /** A snapshot of the counters. */
  stats(): ReassemblerStats {
    return { ...this.counters };
  }

  /**
   * Adds a part. Returns the whole message when this part completes it; `undefined` while parts are
   * missing and for duplicates.
   * @throws InvalidMessagePartError when total is not 1-255 or seq not 1..total.
   */
  push(part: IncomingPart): ReassembledMessage | undefined {
    const { reference, total, seq, method } = part.concat;
    if (!Number.isInteger(total) || total < 1 || total > 255) {
      throw new InvalidMessagePartError(
        'concat.total',
        `must be 1-255 (TS 23.040 §9.2.3.24.1); got ${total}.`,
      );
    }
    if (!Number.isInteger(seq) || seq < 1 || seq > total) {
      throw new InvalidMessagePartError(
        'concat.seq',
        `must be 1..${total} (TS 23.040 §9.2.3.24.1); got ${seq}.`,
      );
    }
    const now = this.now();
    const key = [part.scope ?? '', part.source, part.destination, method, reference, total].join('\u0000');
    let set = this.open.get(key);
    if (!set) {
      if (this.open.size >= this.maxOpenSets) this.evictOldest();
      set = {
        key,
        source: part.source,
        destination: part.destination,
        ...(part.scope !== undefined ? { scope: part.scope } : {}),
        method,
        reference,
        total,
        parts: new Map(),
        firstSeenAt: now,
        lastSeenAt: now,
      };
      this.open.set(key, set);
    }
    if (set.parts.has(seq)) {
      this.counters.duplicates++;
      return undefined;
    }
    const received: ReceivedPart = {
      seq,
      payload: part.payload,
      headerLength: part.headerLength ?? 0,
      dataCoding: part.dataCoding,
    };
    if (part.attachment !== undefined) received.attachment = part.attachment;
    set.parts.set(seq, received);
    set.lastSeenAt = now;
    if (set.parts.size < total) return undefined;

    this.open.delete(key);
    this.counters.completed++;
    const parts = ordered(set);
    return {
      ...keyOf(set),
      dataCoding: parts[0]!.dataCoding,
      parts,
      bytes: Buffer.concat(parts.map((p) => p.payload)),
    };
  }

  /**
   * Gives up every set whose first part is `timeoutMs` old or more. Returns those reports (each also
   * passed to `onIncomplete`), preceded by evictions not yet reported when there is no `onIncomplete`.
   */
  sweep(): IncompleteMessage[] {
    const now = this.now();
    const reports = this.unreported;
    this.unreported = [];
    for (const set of this.open.values()) {
      if (now - set.firstSeenAt < this.timeoutMs) continue;
      this.open.delete(set.key);
      this.counters.expired++;
      const report = toReport(set, 'expired');
      this.onIncomplete?.(report);
      reports.push(report);
    }
    return reports;
  }

  /** Gives up every open set (e.g. on shutdown); returns the reports, each also passed to `onIncomplete`. */
  flush(): IncompleteMessage[] {
    const reports = this.unreported;
    this.unreported = [];
    for (const set of this.open.values()) {
      const report = toReport(set, 'flushed');
      this.onIncomplete?.(report);
      reports.push(report);
    }
    this.open.clear();
    return reports;
  }

  private evictOldest(): void {
    const oldest = this.open.values().next().value;
    if (!oldest) return;
    this.open.delete(oldest.key);
    this.counters.evicted++;
    const report = toReport(oldest, 'evicted');
    if (this.onIncomplete) {
      this.onIncomplete(report);
      return;
    }
    if (this.unreported.length >= this.maxOpenSets) {
      this.unreported.shift();
      this.counters.unreportedEvictions++;
    }
    this.unreported.push(report);
  }
}

function keyOf(set: OpenSet): ReassemblyKey {
  return {
    key: set.key,
    source: set.source,
    destination: set.destination,
    ...(set.scope !== undefined ? { scope: set.scope } : {}),
    method: set.method,
    reference: set.reference,
    total: set.total,
  };
}

function ordered(set: OpenSet): ReceivedPart[] {
  return [...set.parts.values()].sort((a, b) => a.seq - b.seq);
}

function toReport(set: OpenSet, reason: IncompleteMessage['reason']): IncompleteMessage {
  const parts = ordered(set);
  const received = parts.map((p) => p.seq);
  const missing: number[] = [];
  for (let seq = 1; seq <= set.total; seq++) if (!set.parts.has(seq)) missing.push(seq);
  return {
    ...keyOf(set),
    reason,
    received,
    missing,
    parts,
    firstSeenAt: set.firstSeenAt,
    lastSeenAt: set.lastSeenAt,
  };
}
