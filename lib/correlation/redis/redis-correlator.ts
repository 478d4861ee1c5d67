import { randomUUID } from 'node:crypto';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import { clientKeyPrefix } from '../../redis/client-key-prefix.js';
import { LazyRedisClient } from '../../redis/lazy-redis-client.js';
import type { RedisClientLike, RedisConnectionConfig } from '../../redis/redis-client.interface.js';
import { RedisScript } from '../../redis/redis-script.js';
import {
  NAZ_CORRELATOR,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../../tokens.js';
import type { CorrelationEntry, CorrelationWatch, Correlator } from '../correlator.interface.js';

/**
 * put: both mappings, then the early-receipt handshake. Replicas holding a receipt for this id left their
 * watcher id in `w:<messageId>`; each is told through its own channel, and the marker goes. One round trip,
 * as the MULTI it replaces; a put nobody waits for pays one SMEMBERS of a missing key.
 * KEYS: m:<id>, c:<correlationId>, w:<id>. ARGV: entry JSON, ttl ms, message id, channel prefix.
 */
const PUT_SCRIPT = new RedisScript(
  `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local watchers = redis.call('SMEMBERS', KEYS[3])
if #watchers > 0 then
  redis.call('DEL', KEYS[3])
  for _, watcher in ipairs(watchers) do redis.call('PUBLISH', ARGV[4] .. watcher, ARGV[1]) end
end
return #watchers`,
  3,
);

/**
 * watch: the entry if stored, else this replica's watcher id added to \`w:<messageId>\` (kept at least hold ms).
 * Atomic with put (both are scripts), so a put lands either before (the entry is returned) or after (it sees
 * the marker and publishes).
 * KEYS: m:<id>, w:<id>. ARGV: watcher id, hold ms.
 */
const WATCH_SCRIPT = new RedisScript(
  `local entry = redis.call('GET', KEYS[1])
if entry then return entry end
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return false`,
  2,
);

/** Options of {@link RedisCorrelator}. */
export interface RedisCorrelatorOptions extends RedisConnectionConfig {
  /**
   * Prefix of every key. Give each SMSC account its own (message ids are only unique per SMSC).
   * @default 'naz:corr:' (`'naz:corr:<clientName>:'` for a named client through `provider()`)
   */
  keyPrefix?: string;
  /** How long an entry lives: receipts can come hours later. @default 86400000 (24 h) */
  ttlMs?: number;
  logger?: NazLogger;
}

/** What `RedisCorrelator.health()` reports. */
export interface RedisCorrelatorHealth {
  broker: 'redis';
  connected: boolean;
  state: string;
}

/**
 * Correlation in Redis: a delivery receipt arriving on any replica finds the message another replica sent.
 *
 * @remarks
 * Two mappings, both expiring after `ttlMs` (Redis drops them itself, so memory stays bounded without a
 * sweeper; `maxEntries` does not apply, size Redis with `maxmemory` and a `volatile-*` eviction policy):
 * - `<prefix>m:<messageId>` → the entry (what a receipt needs), one `GET`;
 * - `<prefix>c:<correlationId>` → a hash of messageId → entry, for every part of a long message
 *   (`getByCorrelationId`, e.g. to query or cancel by your own id).
 * `ioredis` is an optional peer dependency, loaded on first use.
 */
export class RedisCorrelator implements Correlator {
  readonly keyPrefix: string;
  private readonly ttlMs: number;
  private readonly logger: NazLogger;
  private readonly redis: LazyRedisClient;
  private closed = false;
  /** This instance's id in watch markers, and its channel's suffix. */
  private readonly watcherId = randomUUID();
  private subscriber?: Promise<RedisClientLike>;
  private openedSubscriber?: RedisClientLike;
  /** Callbacks of `watch` by message id. */
  private readonly watchers = new Map<string, Array<(entry: CorrelationEntry) => void>>();

  /** A Nest provider under `NAZ_CORRELATOR` (or the named client's token), without importing Nest. */
  static provider(
    options: NazPolicyProviderOptions<RedisCorrelatorOptions> = {},
  ): NazFactoryProvider<RedisCorrelator> {
    const defaultPrefix = clientKeyPrefix('naz:corr:', options.clientName);
    return nazPolicyProvider(
      NAZ_CORRELATOR,
      options,
      (resolved) => new RedisCorrelator({ keyPrefix: defaultPrefix, ...resolved }),
    );
  }

  constructor(private readonly options: RedisCorrelatorOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? 'naz:corr:';
    this.ttlMs = options.ttlMs ?? 86_400_000;
    if (!(Number.isInteger(this.ttlMs) && this.ttlMs > 0))
      throw new RangeError(`RedisCorrelator ttlMs must be an integer > 0, got ${String(this.ttlMs)}`);
    this.logger = options.logger ?? silentLogger;
    this.redis = new LazyRedisClient(options, 'RedisCorrelator', (error: unknown) =>
      this.logger.warn('redis correlator: connection problem', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  async put(entry: CorrelationEntry): Promise<void> {
    const client = await this.redis.get();
    const p = this.keyPrefix;
    await PUT_SCRIPT.run(
      client,
      [`${p}m:${entry.messageId}`, `${p}c:${entry.correlationId}`, `${p}w:${entry.messageId}`],
      [JSON.stringify(entry), this.ttlMs, entry.messageId, `${p}stored:`],
    );
  }

  /**
   * Early receipts: the entry if already stored, else `onStored` is called once when any replica (this one
   * included) stores `messageId` within `holdMs`. See the class remarks.
   */
  async watch(
    messageId: string,
    holdMs: number,
    onStored: (entry: CorrelationEntry) => void,
  ): Promise<CorrelationWatch> {
    // Subscribed before the marker is left: a publish can never come before we listen.
    await this.subscription();
    const list = this.watchers.get(messageId);
    if (list === undefined) this.watchers.set(messageId, [onStored]);
    else list.push(onStored);
    const cancel = (): void => this.unwatch(messageId, onStored);
    try {
      const client = await this.redis.get();
      const p = this.keyPrefix;
      const json = await WATCH_SCRIPT.run(
        client,
        [`${p}m:${messageId}`, `${p}w:${messageId}`],
        [this.watcherId, Math.max(1, Math.ceil(holdMs))],
      );
      const entry = this.parse(json, messageId);
      if (entry !== undefined) {
        cancel();
        return { entry, cancel: () => undefined };
      }
    } catch (error) {
      cancel();
      throw error;
    }
    return { cancel };
  }

  async get(messageId: string): Promise<CorrelationEntry | undefined> {
    const client = await this.redis.get();
    const json = await client.call('get', `${this.keyPrefix}m:${messageId}`);
    return this.parse(json, messageId);
  }

  /** Every part's entry of a message, by your correlationId, ordered by part index (empty when unknown or expired). */
  async getByCorrelationId(correlationId: string): Promise<CorrelationEntry[]> {
    const client = await this.redis.get();
    const reply = await client.call('hgetall', `${this.keyPrefix}c:${correlationId}`);
    const values =
      reply instanceof Map
        ? [...reply.values()]
        : Array.isArray(reply)
          ? reply.filter((_, i) => i % 2 === 1)
          : Object.values(reply ?? {});
    return values
      .map((json: unknown) => this.parse(json, correlationId))
      .filter((entry): entry is CorrelationEntry => entry !== undefined)
      .sort((a, b) => a.partIndex - b.partIndex);
  }

  async delete(messageId: string): Promise<void> {
    const entry = await this.get(messageId);
    const client = await this.redis.get();
    const commands: Array<Array<string | number>> = [['del', `${this.keyPrefix}m:${messageId}`]];
    if (entry) commands.push(['hdel', `${this.keyPrefix}c:${entry.correlationId}`, messageId]);
    await client.multi(commands).exec();
  }

  /** Connection state, for health checks. */
  health(): RedisCorrelatorHealth {
    const state = this.redis.status;
    return { broker: 'redis', connected: state === 'ready', state };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watchers.clear();
    const subscriber = this.openedSubscriber;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
    await this.redis.close();
  }

  /** Nest lifecycle hook: closes the connection when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private unwatch(messageId: string, onStored: (entry: CorrelationEntry) => void): void {
    const list = this.watchers.get(messageId);
    if (list === undefined) return;
    const rest = list.filter((callback) => callback !== onStored);
    if (rest.length === 0) this.watchers.delete(messageId);
    else this.watchers.set(messageId, rest);
    // The marker in Redis expires with the hold; a put meanwhile publishes to a channel nobody minds.
  }

  /** Subscribes (once) to this instance's channel on a connection of its own (subscriber mode). */
  private subscription(): Promise<RedisClientLike> {
    if (this.closed) return Promise.reject(new Error('RedisCorrelator is closed'));
    this.subscriber ??= (async () => {
      const subscriber = (await this.redis.get()).duplicate();
      this.openedSubscriber = subscriber;
      const channel = `${this.keyPrefix}stored:${this.watcherId}`;
      subscriber.on('error', (error: unknown) =>
        this.logger.warn('redis correlator: subscriber connection problem', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      subscriber.on('message', (from: unknown, message: unknown) => {
        if (from === channel) this.delivered(this.parse(message, channel));
      });
      let readyBefore = false;
      subscriber.on('ready', () => {
        // ioredis subscribes again by itself after a reconnect; what was published meanwhile is lost, so
        // every id still watched is looked up once.
        if (readyBefore) void this.catchUp();
        readyBefore = true;
      });
      await subscriber.call('subscribe', channel);
      return subscriber;
    })().catch((error: unknown) => {
      this.subscriber = undefined;
      throw error;
    });
    return this.subscriber;
  }

  private delivered(entry: CorrelationEntry | undefined): void {
    if (entry === undefined) return;
    const list = this.watchers.get(entry.messageId);
    if (list === undefined) return;
    this.watchers.delete(entry.messageId);
    for (const onStored of list) {
      try {
        onStored(entry);
      } catch (error) {
        this.logger.warn('redis correlator: a watch callback threw', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private async catchUp(): Promise<void> {
    for (const messageId of [...this.watchers.keys()]) {
      try {
        this.delivered(await this.get(messageId));
      } catch {
        // Still offline: the client's last look before the hold runs out covers it.
        return;
      }
    }
  }

  private parse(json: unknown, key: string): CorrelationEntry | undefined {
    if (typeof json !== 'string') return undefined;
    try {
      return JSON.parse(json) as CorrelationEntry;
    } catch {
      this.logger.warn('redis correlator: unreadable entry ignored', { key });
      return undefined;
    }
  }
}
