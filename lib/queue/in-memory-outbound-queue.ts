import { QueueFullError } from './queue-full.error.js';
import type {
  AckOptions,
  NackOptions,
  OutboundQueue,
  QueueDelivery,
  QueuedMessage,
} from './outbound-queue.interface.js';
import { SETTLED } from './settled.js';

/** Options of {@link InMemoryOutboundQueue}. */
export interface InMemoryOutboundQueueOptions {
  /** Most messages waiting at once; `enqueue` beyond it throws `QueueFullError`. @default 100000 */
  capacity?: number;
  /** Most dead letters kept (`deadLetters`); the oldest go first. @default 1000 */
  deadLetterCapacity?: number;
  /** Also keep messages the SMSC refused for good (`ESME_RINVDSTADR`...) as dead letters. @default false */
  deadLetterRejected?: boolean;
}

/** A message that failed for good, kept by {@link InMemoryOutboundQueue} with why. */
export interface InMemoryDeadLetter {
  /** The message as it was queued. */
  message: QueuedMessage;
  /** Why: the error naming field and rule, the status name after the last retry, or the SMSC's rejection. */
  reason: string;
  attempt: number;
  /** Epoch milliseconds. */
  failedAt: number;
}

const RESOLVED = SETTLED;

/**
 * A message held by the queue, with its place in the original order; once handed out by `receive`, it is also
 * the delivery (a class, not closures, and one object per message rather than an entry plus a delivery:
 * the send path takes one per message). A requeued message gets a new entry, so each is delivered once.
 */
class Entry implements QueueDelivery {
  private settled = false;
  constructor(
    private readonly queue: InMemoryOutboundQueue,
    readonly message: QueuedMessage,
    /** Order of the first enqueue: requeued messages go back to their place, not to the end. */
    readonly seq: number,
    readonly attempt: number,
    public readyAt: number,
  ) {}

  ack(options?: AckOptions): Promise<void> {
    if (!this.settled) {
      this.settled = true;
      this.queue.settle(this, false, 0);
      if (options?.rejectedReason !== undefined) this.queue.rejected(this, options.rejectedReason);
    }
    return RESOLVED;
  }

  nack(options: NackOptions): Promise<void> {
    if (!this.settled) {
      this.settled = true;
      this.queue.settle(this, options.requeue, options.delayMs ?? 0);
      if (!options.requeue) this.queue.deadLetter(this, options.reason ?? 'failed');
    }
    return RESOLVED;
  }
}

/** Minimal binary min-heap (no dependency, O(log n) push/pop). */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  /** The items in heap (not sorted) order. */
  values(): readonly T[] {
    return this.items;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as T;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

interface Waiter {
  max: number;
  resolve: (deliveries: QueueDelivery[]) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * The default outbound queue: bounded, in process memory, FIFO.
 *
 * @remarks
 * - `enqueue` throws `QueueFullError` beyond `capacity`; a requeued message is always taken back (never lost).
 * - `nack({ requeue: true, delayMs })` parks the message until its delay passes, without blocking the others;
 *   a requeued message goes back to its original place in line (before anything enqueued after it), so
 *   retries do not reorder traffic.
 * - `receive` resolves at once when messages are ready; otherwise it sleeps until `enqueue` or a delay
 *   expiry wakes it (no polling).
 * - A message that failed for good (`nack({ requeue: false })`: it cannot be sent as it stands, or ran out of
 *   retries) is kept in `deadLetters` with the reason, bounded by `deadLetterCapacity`; so are SMSC
 *   rejections with `deadLetterRejected: true`.
 * - Messages do not survive the process: use `RedisOutboundQueue` or `RabbitMqOutboundQueue` for that.
 */
export class InMemoryOutboundQueue implements OutboundQueue {
  /** Most messages waiting at once. */
  readonly capacity: number;
  /** Whether SMSC rejections are kept as dead letters too. */
  readonly deadLetterRejected: boolean;
  private readonly deadLetterCapacity: number;
  private readonly dead: InMemoryDeadLetter[] = [];
  // The FIFO of fresh messages, as an array with a moving head (amortised O(1) shift).
  private fresh: Entry[] = [];
  private freshHead = 0;
  // Requeued messages whose delay has passed, by original order: all precede every fresh message.
  private readonly returned = new MinHeap<Entry>((a, b) => a.seq < b.seq);
  private readonly delayed = new MinHeap<Entry>(
    (a, b) => a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq),
  );
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private nextSeq = 0;
  private outstanding = 0;
  private closed = false;

  constructor(options: InMemoryOutboundQueueOptions = {}) {
    const capacity = options.capacity ?? 100_000;
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`capacity must be an integer ≥ 1, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    const deadLetterCapacity = options.deadLetterCapacity ?? 1_000;
    if (!(Number.isInteger(deadLetterCapacity) && deadLetterCapacity >= 0)) {
      throw new RangeError(`deadLetterCapacity must be an integer ≥ 0, got ${String(deadLetterCapacity)}`);
    }
    this.deadLetterCapacity = deadLetterCapacity;
    this.deadLetterRejected = options.deadLetterRejected ?? false;
  }

  /** Messages that failed for good, oldest first (at most `deadLetterCapacity`). */
  get deadLetters(): readonly InMemoryDeadLetter[] {
    return this.dead;
  }

  /** Messages waiting (ready or delayed), not counting those handed out and not yet acknowledged. */
  get depth(): number {
    return this.fresh.length - this.freshHead + this.returned.size + this.delayed.size;
  }

  /** Messages handed out by `receive` and not yet acked or nacked. */
  get unacknowledged(): number {
    return this.outstanding;
  }

  enqueue(message: QueuedMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('outbound queue is closed'));
    if (this.depth >= this.capacity) return Promise.reject(new QueueFullError(this.capacity));
    this.fresh.push(new Entry(this, message, this.nextSeq++, 1, 0));
    this.wake();
    return SETTLED;
  }

  receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]> {
    if (signal.aborted || this.closed) return Promise.resolve([]);
    const now = this.promoteDue();
    const ready = this.take(Math.max(1, Math.floor(max)));
    if (ready.length > 0) return Promise.resolve(ready);
    this.armTimer(now);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        max: Math.max(1, Math.floor(max)),
        resolve,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          resolve([]);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  size(): Promise<number> {
    return Promise.resolve(this.depth);
  }

  /**
   * Every waiting message (ready, requeued and parked with a retry delay), in queue order, left in place: what
   * `SmppClient.stop()` reports as unsent. Messages handed out and not yet acked or nacked are not included.
   */
  waitingMessages(): QueuedMessage[] {
    const entries: Entry[] = [];
    for (let i = this.freshHead; i < this.fresh.length; i++) entries.push(this.fresh[i]);
    entries.push(...this.returned.values(), ...this.delayed.values());
    return entries.sort((a, b) => a.seq - b.seq).map((entry) => entry.message);
  }

  /** Wakes pending `receive` calls with nothing and stops the delay timer; waiting messages stay in memory. */
  close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.waiters.splice(0)) {
      w.signal.removeEventListener('abort', w.onAbort);
      w.resolve([]);
    }
    return Promise.resolve();
  }

  private take(max: number): QueueDelivery[] {
    const out: QueueDelivery[] = [];
    while (out.length < max && this.returned.size > 0) out.push(this.deliver(this.returned.pop() as Entry));
    while (out.length < max && this.freshHead < this.fresh.length) {
      const entry = this.fresh[this.freshHead];
      this.fresh[this.freshHead++] = undefined as unknown as Entry;
      out.push(this.deliver(entry));
    }
    if (this.freshHead > 1024 && this.freshHead * 2 > this.fresh.length) {
      this.fresh = this.fresh.slice(this.freshHead);
      this.freshHead = 0;
    }
    return out;
  }

  private deliver(entry: Entry): QueueDelivery {
    this.outstanding++;
    return entry;
  }

  /** Called once per delivery by ack/nack. @internal */
  settle(entry: Entry, requeue: boolean, delayMs: number): void {
    this.outstanding--;
    if (requeue) this.requeue(entry, delayMs);
  }

  /** Keeps a message that failed for good. @internal */
  deadLetter(entry: Entry, reason: string): void {
    if (this.deadLetterCapacity === 0) return;
    if (this.dead.length >= this.deadLetterCapacity) this.dead.shift();
    this.dead.push({ message: entry.message, reason, attempt: entry.attempt, failedAt: Date.now() });
  }

  /** An SMSC rejection: kept as a dead letter only with `deadLetterRejected`. @internal */
  rejected(entry: Entry, reason: string): void {
    if (this.deadLetterRejected) this.deadLetter(entry, reason);
  }

  private requeue(entry: Entry, delayMs: number): void {
    const next = new Entry(this, entry.message, entry.seq, entry.attempt + 1, 0);
    if (delayMs > 0) {
      next.readyAt = Date.now() + delayMs;
      this.delayed.push(next);
      this.armTimer(Date.now());
    } else {
      this.returned.push(next);
      this.wake();
    }
  }

  /** Moves delayed messages whose time has come to the ready heap; returns the time used. */
  private promoteDue(): number {
    const now = Date.now();
    while (this.delayed.size > 0 && (this.delayed.peek() as Entry).readyAt <= now) {
      this.returned.push(this.delayed.pop() as Entry);
    }
    return now;
  }

  private armTimer(now: number): void {
    const next = this.delayed.peek();
    if (!next || this.closed) return;
    if (this.timer && this.timerAt <= next.readyAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next.readyAt;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.promoteDue();
        this.wake();
        this.armTimer(Date.now());
      },
      Math.max(0, next.readyAt - now),
    );
    // The queue alone must not keep a process alive; the session socket does that.
    this.timer.unref();
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      const available = this.depth - this.delayed.size;
      if (available === 0) return;
      const w = this.waiters.shift() as Waiter;
      w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.take(w.max));
    }
  }
}
