import { randomBytes } from 'node:crypto';
import type { RedisClientLike } from '../../redis/redis-client.interface.js';
import { ENQUEUE_BATCH } from './redis-stream-scripts.js';

interface PendingEnqueue {
  payload: string;
  /**
   * Called with the entry id, '' when the message was added but its id is not known (the batch's reply was
   * lost and the batch sent again: see `ENQUEUE_BATCH`), or null when the stream was full (`maxLength`).
   */
  resolve: (id: string | null) => void;
  reject: (error: Error) => void;
}

/** Most messages per script call: keeps one call's argument list and reply small. */
const MAX_BATCH = 1_000;

/**
 * Slots of a producer's batch record: how many of its batches can be in flight at once and still be recognised
 * when sent again. A resend comes right after a reconnect, for the batches unanswered then, so this only has
 * to exceed the batches one producer has in flight (one per event-loop turn until Redis answers).
 */
const RECORD_SLOTS = 4_096;

/** How long a producer's batch record outlives its last batch (it is one hash per producer process). */
const RECORD_LIFETIME_MS = 24 * 3_600_000;

/**
 * Adds every message enqueued in the same event-loop turn with one script call (`ENQUEUE_BATCH`): one socket
 * write, one command for ioredis to build and one reply to parse for the lot.
 *
 * @remarks
 * Written here because ioredis sends a command per socket write and builds a command object per message,
 * which cost more than half of the producer's CPU in `npm run bench`'s durable scenario. Each enqueue still
 * resolves only once Redis has stored its entry.
 */
export class EnqueueBatcher {
  private batch: PendingEnqueue[] = [];
  private scheduled = false;
  /** This producer's batch record (see `ENQUEUE_BATCH`), a key beside the stream's (same hash tag). */
  private readonly recordKey: string;
  private batches = 0;

  constructor(
    private readonly client: () => RedisClientLike,
    private readonly stream: string,
    /** undefined: unbounded. */
    private readonly maxLength: number | undefined,
  ) {
    this.recordKey = `${stream}:producer:${randomBytes(8).toString('hex')}`;
  }

  /** Resolves with the new entry's id, or null when the stream holds `maxLength` entries. */
  add(payload: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.batch.push({ payload, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    this.scheduled = false;
    for (let i = 0; i < batch.length; i += MAX_BATCH) void this.send(batch.slice(i, i + MAX_BATCH));
  }

  private async send(batch: PendingEnqueue[]): Promise<void> {
    try {
      const reply = await ENQUEUE_BATCH.run(
        this.client(),
        [this.stream, this.recordKey],
        [
          this.maxLength ?? '',
          this.batches++,
          RECORD_SLOTS,
          RECORD_LIFETIME_MS,
          ...batch.map((pending) => pending.payload),
        ],
      );
      if (!Array.isArray(reply) || reply.length !== batch.length)
        throw new Error(`unexpected reply to the batched XADD (${batch.length} messages)`);
      batch.forEach((pending, i) => {
        const id: unknown = reply[i];
        // 1: added by an earlier run of this very batch, whose reply was lost (id unknown).
        pending.resolve(id === null || id === false ? null : id === 1 ? '' : String(id));
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error as Error);
    }
  }
}
