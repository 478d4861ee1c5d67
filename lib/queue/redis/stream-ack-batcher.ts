import type { RedisClientLike } from './redis-client.interface.js';

interface PendingAck {
  id: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Acknowledges stream entries in batches: every ack requested in the same event-loop turn goes out as one
 * `MULTI XACK ... XDEL ... EXEC`, so a window of responses costs one round trip instead of one each.
 *
 * @remarks
 * XDEL after XACK keeps the stream holding only unfinished work (waiting or in flight): its length is the
 * backlog, and no trimming is ever needed (trimming could drop unacknowledged messages).
 */
export class StreamAckBatcher {
  private batch: PendingAck[] = [];
  private scheduled = false;

  constructor(
    private readonly client: () => RedisClientLike,
    private readonly stream: string,
    private readonly group: string,
  ) {}

  /** Resolves once the entry is acknowledged and deleted. */
  ack(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ id, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.scheduled = false;
    const ids = batch.map((pending) => pending.id);
    try {
      const results = await this.client()
        .multi([
          ['xack', this.stream, this.group, ...ids],
          ['xdel', this.stream, ...ids],
        ])
        .exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (failed) throw failed;
      for (const pending of batch) pending.resolve();
    } catch (error) {
      for (const pending of batch) pending.reject(error as Error);
    }
  }
}
