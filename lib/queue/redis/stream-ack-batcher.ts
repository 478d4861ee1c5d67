import type { RedisClientLike } from '../../redis/redis-client.interface.js';
import { ACK_AND_DELETE } from './redis-stream-scripts.js';

/** Most ids per script call: far below Lua's `unpack` limit (~8,000), and a window's worth at most. */
const MAX_BATCH = 1_000;

/**
 * Acknowledges stream entries in batches: every ack requested in the same event-loop turn goes out as one
 * `ACK_AND_DELETE` script call (XACK + XDEL, atomic), so a window of responses costs one command and one round
 * trip instead of one each.
 *
 * @remarks
 * XDEL after XACK keeps the stream holding only unfinished work (waiting or in flight): its length is the
 * backlog, and no trimming is ever needed (trimming could drop unacknowledged messages).
 *
 * Every ack of a batch gets the same promise: one promise per batch, not one per message (issue 13 §2.3).
 */
export class StreamAckBatcher {
  private ids: string[] = [];
  private done?: Promise<void>;

  constructor(
    private readonly client: () => RedisClientLike,
    private readonly stream: string,
    private readonly group: string,
  ) {}

  /** Resolves once the entry is acknowledged and deleted (with the rest of its batch). */
  ack(id: string): Promise<void> {
    this.ids.push(id);
    this.done ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
    return this.done;
  }

  private async flush(): Promise<void> {
    const ids = this.ids;
    this.ids = [];
    this.done = undefined;
    const client = this.client();
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const slice = i === 0 && ids.length <= MAX_BATCH ? ids : ids.slice(i, i + MAX_BATCH);
      calls.push(ACK_AND_DELETE.run(client, [this.stream], [this.group, ...slice]));
    }
    await Promise.all(calls);
  }
}
