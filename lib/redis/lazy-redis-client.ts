import { closeRedisClient } from './close-redis-client.js';
import { createRedisClient } from './create-redis-client.js';
import type { RedisClientLike, RedisConnectionConfig } from './redis-client.interface.js';

/**
 * The one Redis connection of a Redis-backed policy (correlator, reassembler, rate limiter, bind budget),
 * opened on first use: the policy can be built (and `ioredis` left uninstalled) until it is used.
 *
 * @remarks
 * - `config.client` is used as given and never quit (the caller owns it); otherwise a client is opened from
 *   `config.connection` and `close()` quits it.
 * - A failed open is not remembered: the next `get()` tries again.
 * - `onError` receives the client's `error` events (ioredis reconnects by itself; the policy logs them).
 */
export class LazyRedisClient {
  private pending?: Promise<RedisClientLike>;
  private opened?: RedisClientLike;
  private closed = false;

  /** @param feature - the policy's class name, for the missing-peer error and the "is closed" rejection. */
  constructor(
    private readonly config: RedisConnectionConfig,
    private readonly feature: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The client once opened (undefined before the first `get()` finished). */
  get client(): RedisClientLike | undefined {
    return this.opened;
  }

  /** The ioredis status of the client: `'wait'` before it was opened, `'end'` once closed. */
  get status(): string {
    return this.opened?.status ?? (this.closed ? 'end' : 'wait');
  }

  /** The client, opened on the first call; rejects once closed. */
  get(): Promise<RedisClientLike> {
    if (this.closed) return Promise.reject(new Error(`${this.feature} is closed`));
    this.pending ??= this.open().catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  /** Quits the client this opened (not one the caller passed in); later `get()` calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.config.client) await closeRedisClient(this.opened);
  }

  private async open(): Promise<RedisClientLike> {
    const client = this.config.client ?? (await createRedisClient(this.config.connection, this.feature));
    client.on('error', this.onError);
    this.opened = client;
    return client;
  }
}
