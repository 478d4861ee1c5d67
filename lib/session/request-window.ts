import { performance } from 'node:perf_hooks';
import { ResponseTimeoutError } from './errors/response-timeout.error.js';
import { WindowTimeoutError } from './errors/window-timeout.error.js';
import { FifoQueue } from './fifo-queue.js';
import type { PendingRequest } from './pending-request.js';
import { SequenceTable } from './sequence-table.js';

/**
 * Granularity of expiry: overdue entries are collected by one timer that fires at most this late, so a burst
 * of timeouts is handled in one sweep instead of one timer per request.
 */
export const EXPIRY_SLACK_MS = 10;

/** How many timed-out sequence numbers are remembered, to tell a late response from a stray one in logs. */
const RECENTLY_EXPIRED_CAPACITY = 1024;

/** Callbacks of {@link RequestWindow}. */
export interface RequestWindowEvents {
  /** An in-flight request got no response in time; the window already removed it and freed its slot. */
  onResponseTimeout(entry: PendingRequest, error: ResponseTimeoutError): void;
  /** A request waited too long for a slot and was never sent. */
  onWaitTimeout(entry: PendingRequest, error: WindowTimeoutError): void;
}

/**
 * The in-flight window of a session (SMPP 5.0 §2.6.5 asynchronous windowing): requests awaiting their
 * responses, keyed by sequence_number, and the line of requests waiting for a free slot.
 *
 * @remarks
 * Timeouts use one timer, armed for the earliest deadline (plus {@link EXPIRY_SLACK_MS}): a sweep rejects every
 * overdue entry and re-arms. This costs nothing per request in the common case (responses arrive long before
 * the timer fires) and keeps a 1000-wide window of silent requests to one timer.
 */
export class RequestWindow {
  /** Requests written and awaiting a response. */
  readonly pending = new SequenceTable<PendingRequest>();
  /** Requests waiting for a slot (or for the session to be bound and writable), oldest first. */
  readonly waiting = new FifoQueue<PendingRequest>();
  private counted = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Infinity;
  private readonly recentlyExpired = new Set<number>();

  constructor(
    /** Maximum requests in flight. */
    public size: number,
    private readonly events: RequestWindowEvents,
  ) {}

  /** Requests in flight that occupy a slot. */
  get inFlight(): number {
    return this.counted;
  }

  /** Whether a new request may be written now as far as the window is concerned. */
  hasFreeSlot(): boolean {
    return this.counted < this.size;
  }

  /** Registers a request that was just written; its `deadline` is the response deadline. */
  track(entry: PendingRequest): void {
    this.pending.set(entry.sequenceNumber, entry);
    if (entry.counted) this.counted++;
    if (entry.deadline < this.armedAt) this.arm(entry.deadline);
  }

  /** Queues a request until a slot frees; its `deadline` is the wait deadline. */
  enqueue(entry: PendingRequest): void {
    this.waiting.push(entry);
    if (entry.deadline < this.armedAt) this.arm(entry.deadline);
  }

  /** Whether a sequence number is in use by a pending request. */
  has(sequenceNumber: number): boolean {
    return this.pending.has(sequenceNumber);
  }

  /** The pending request with this sequence number, if any (still pending). */
  get(sequenceNumber: number): PendingRequest | undefined {
    return this.pending.get(sequenceNumber);
  }

  /** Removes a pending request (its response arrived) and frees its slot. */
  remove(entry: PendingRequest): void {
    if (this.pending.delete(entry.sequenceNumber) && entry.counted) this.counted--;
  }

  /** Whether this sequence number belonged to a request that timed out recently (so its response is late). */
  expiredRecently(sequenceNumber: number): boolean {
    return this.recentlyExpired.has(sequenceNumber);
  }

  /** Removes everything (pending and waiting), stops the timer, and returns the removed entries. */
  clear(): PendingRequest[] {
    this.disarm();
    const all = [...this.pending.snapshot(), ...this.waiting.drain()];
    this.pending.clear();
    this.counted = 0;
    this.recentlyExpired.clear();
    return all;
  }

  /** Removes and returns only the waiting requests (nothing was sent for them). */
  clearWaiting(): PendingRequest[] {
    return this.waiting.drain();
  }

  private arm(deadline: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedAt = deadline;
    const delay = Math.max(0, deadline - performance.now()) + EXPIRY_SLACK_MS;
    this.timer = setTimeout(this.sweep, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  private readonly sweep = (): void => {
    this.timer = undefined;
    this.armedAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    const expired: PendingRequest[] = [];
    for (const entry of this.pending.snapshot()) {
      if (entry.deadline <= now) expired.push(entry);
      else if (entry.deadline < next) next = entry.deadline;
    }
    for (const entry of expired) {
      this.remove(entry);
      this.rememberExpired(entry.sequenceNumber);
      this.events.onResponseTimeout(
        entry,
        new ResponseTimeoutError(entry.command, entry.sequenceNumber, entry.timeoutMs),
      );
    }
    // The waiting line is in deadline order (one wait timeout for all), so only its head needs looking at.
    for (
      let head = this.waiting.peek();
      head !== undefined && head.deadline <= now;
      head = this.waiting.peek()
    ) {
      this.waiting.shift();
      this.events.onWaitTimeout(
        head,
        new WindowTimeoutError(head.command, Math.round(now - head.queuedAt), this.size),
      );
    }
    const head = this.waiting.peek();
    if (head !== undefined && head.deadline < next) next = head.deadline;
    // Callbacks may have cleared or re-armed the window meanwhile.
    if (next !== Infinity && next < this.armedAt) this.arm(next);
  };

  private rememberExpired(sequenceNumber: number): void {
    this.recentlyExpired.add(sequenceNumber);
    if (this.recentlyExpired.size > RECENTLY_EXPIRED_CAPACITY) {
      const oldest = this.recentlyExpired.values().next();
      if (!oldest.done) this.recentlyExpired.delete(oldest.value);
    }
  }
}
