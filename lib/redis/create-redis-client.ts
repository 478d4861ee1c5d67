import { MissingPeerDependencyError } from '../errors/missing-peer-dependency.error.js';
import type { RedisClientLike, RedisConnectOptions } from './redis-client.interface.js';

type RedisConstructor = new (...args: unknown[]) => RedisClientLike;

let redisConstructor: Promise<RedisConstructor> | undefined;

/** Loads ioredis on first use only, so `import 'nestjs-naz'` works without it. */
async function loadRedis(feature: string): Promise<RedisConstructor> {
  redisConstructor ??= import('ioredis').then(
    (mod: Record<string, unknown>) => (mod.Redis ?? mod.default) as RedisConstructor,
    (error: unknown) => {
      redisConstructor = undefined;
      throw new MissingPeerDependencyError('ioredis', feature, error);
    },
  );
  return redisConstructor;
}

/**
 * Opens an ioredis client from a URL or options, with the settings a durable consumer wants.
 *
 * @remarks
 * Reconnects forever with capped backoff (ioredis `retryStrategy`), keeps commands issued while offline and
 * resends unanswered ones after a reconnect: the queue's callers see a pause, not an error. Pass your own
 * options to change any of it.
 */
export async function createRedisClient(
  connection: string | RedisConnectOptions | undefined,
  feature: string,
  overrides: Record<string, unknown> = {},
): Promise<RedisClientLike> {
  const Redis = await loadRedis(feature);
  const defaults: Record<string, unknown> = {
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 8), 5_000),
    ...overrides,
  };
  if (typeof connection === 'string') return new Redis(connection, defaults);
  return new Redis({ host: '127.0.0.1', port: 6379, ...defaults, ...connection });
}
