import type { SimulatorPduEvent } from '../../tap/simulator-pdu-event.interface.js';
import type { ConsoleFeedEvent } from './console-feed-event.interface.js';
import { describePdu } from './describe-pdu.js';
import { RingBuffer } from './ring-buffer.js';

/** Feed events after a given id, and how many of those the ring no longer holds. */
export interface FeedSlice {
  events: ConsoleFeedEvent[];
  /** Events between the asked id and the oldest one held that were evicted. */
  missed: number;
}

/**
 * The console's traffic feed: PDUs from the simulator's wire tap, summarised, numbered and kept in a ring.
 *
 * @remarks
 * Memory is bounded twice: the ring holds `capacity` events, and a token bucket admits at most `ratePerSecond`
 * PDUs a second (a burst of one second's worth), so a load test costs the console a counter increment per PDU
 * instead of a decode. Skipped PDUs still show in the counters, which come from the simulator's `stats()`.
 */
export class TrafficFeed {
  private readonly ring: RingBuffer<ConsoleFeedEvent>;
  private readonly listeners = new Set<(event: ConsoleFeedEvent) => void>();
  private lastEventId = 0;
  private skippedCount = 0;
  private tokens: number;
  private refilledAt: number;

  constructor(
    capacity: number,
    private readonly ratePerSecond: number,
    now: number = Date.now(),
  ) {
    this.ring = new RingBuffer(capacity);
    this.tokens = ratePerSecond;
    this.refilledAt = now;
  }

  /** The id of the newest event (0 before the first). */
  get lastId(): number {
    return this.lastEventId;
  }

  /** PDUs not turned into events because they came faster than `ratePerSecond`. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** Events held now, and the most held. */
  get size(): number {
    return this.ring.size;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  /** Adds a PDU from the wire tap, unless the rate is exceeded. */
  addPdu(event: SimulatorPduEvent): void {
    if (!this.admit(event.at)) {
      this.skippedCount++;
      return;
    }
    this.append(describePdu(event, this.lastEventId + 1));
  }

  /** Adds an event that is not a PDU (a session closing); never rate-limited. */
  addEvent(make: (id: number) => ConsoleFeedEvent): void {
    this.append(make(this.lastEventId + 1));
  }

  /** Events with an id above `afterId`, oldest first, at most `limit` (page on with the last id returned). */
  since(afterId: number, limit = this.ring.capacity): FeedSlice {
    const oldest = this.ring.oldest()?.id ?? this.lastEventId + 1;
    const missed = Math.max(0, oldest - afterId - 1);
    // Ids in the ring are consecutive, so the first wanted event's position is a subtraction away.
    const start = Math.max(0, afterId - oldest + 1);
    return { events: this.ring.toArray(start).slice(0, limit), missed };
  }

  /** Calls `listener` with every new event; returns the unsubscribe function. */
  subscribe(listener: (event: ConsoleFeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private append(event: ConsoleFeedEvent): void {
    this.lastEventId = event.id;
    this.ring.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private admit(now: number): boolean {
    this.tokens = Math.min(
      this.ratePerSecond,
      this.tokens + ((now - this.refilledAt) * this.ratePerSecond) / 1000,
    );
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
