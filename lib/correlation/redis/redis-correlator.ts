import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import { createRedisClient } from '../../queue/redis/create-redis-client.js';
import type { RedisClientLike, RedisConnectionConfig } from '../../queue/redis/redis-client.interface.js';
import {
  DEFAULT_NAZ_CLIENT_NAME,
  NAZ_CORRELATOR,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../../tokens.js';
import type { CorrelationEntry, Correlator } from '../correlator.interface.js';

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
  private client?: Promise<RedisClientLike>;
  private opened?: RedisClientLike;
  private closed = false;

  /** A Nest provider under `NAZ_CORRELATOR` (or the named client's token), without importing Nest. */
  static provider(
    options: NazPolicyProviderOptions<RedisCorrelatorOptions> = {},
  ): NazFactoryProvider<RedisCorrelator> {
    const name = options.clientName ?? DEFAULT_NAZ_CLIENT_NAME;
    const defaultPrefix = name === DEFAULT_NAZ_CLIENT_NAME ? 'naz:corr:' : `naz:corr:${name}:`;
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
  }

  async put(entry: CorrelationEntry): Promise<void> {
    const client = await this.connection();
    const json = JSON.stringify(entry);
    const byCorrelation = `${this.keyPrefix}c:${entry.correlationId}`;
    const results = await client
      .multi([
        ['set', `${this.keyPrefix}m:${entry.messageId}`, json, 'PX', this.ttlMs],
        ['hset', byCorrelation, entry.messageId, json],
        ['pexpire', byCorrelation, this.ttlMs],
      ])
      .exec();
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  }

  async get(messageId: string): Promise<CorrelationEntry | undefined> {
    const client = await this.connection();
    const json = await client.call('get', `${this.keyPrefix}m:${messageId}`);
    return this.parse(json, messageId);
  }

  /** Every part's entry of a message, by your correlationId, ordered by part index (empty when unknown or expired). */
  async getByCorrelationId(correlationId: string): Promise<CorrelationEntry[]> {
    const client = await this.connection();
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
    const client = await this.connection();
    const commands: Array<Array<string | number>> = [['del', `${this.keyPrefix}m:${messageId}`]];
    if (entry) commands.push(['hdel', `${this.keyPrefix}c:${entry.correlationId}`, messageId]);
    await client.multi(commands).exec();
  }

  /** Connection state, for health checks. */
  health(): RedisCorrelatorHealth {
    const state = this.opened?.status ?? (this.closed ? 'end' : 'wait');
    return { broker: 'redis', connected: state === 'ready', state };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.opened && !this.options.client) await this.opened.quit().catch(() => this.opened?.disconnect());
  }

  /** Nest lifecycle hook: closes the connection when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private connection(): Promise<RedisClientLike> {
    if (this.closed) return Promise.reject(new Error('RedisCorrelator is closed'));
    this.client ??= (async () => {
      const client =
        this.options.client ?? (await createRedisClient(this.options.connection, 'RedisCorrelator'));
      client.on('error', (error: unknown) =>
        this.logger.warn('redis correlator: connection problem', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      this.opened = client;
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
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
