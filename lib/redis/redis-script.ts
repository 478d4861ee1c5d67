import { createHash } from 'node:crypto';
import type { RedisArgument, RedisClientLike } from './redis-client.interface.js';

/**
 * A Lua script run with EVALSHA, falling back to EVAL when the server does not know it yet (first use, or
 * after a restart or SCRIPT FLUSH). Keeps the hot path to one short command without mutating the caller's
 * client (ioredis `defineCommand` would).
 */
export class RedisScript {
  private readonly sha: string;

  /** @param source - the Lua source; @param keyCount - how many leading arguments are keys. */
  constructor(
    readonly source: string,
    readonly keyCount: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with `keys` (exactly `keyCount` of them) and `args`. */
  async run(client: RedisClientLike, keys: RedisArgument[], args: RedisArgument[]): Promise<unknown> {
    try {
      return await client.call('evalsha', this.sha, this.keyCount, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.call('eval', this.source, this.keyCount, ...keys, ...args);
    }
  }
}
