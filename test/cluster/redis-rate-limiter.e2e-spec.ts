import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisRateLimiter } from '../../lib/rate-limit/redis/redis-rate-limiter.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';

/** A logger that keeps what it is told. */
function recordingLogger() {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  return { lines, logger: { debug: () => undefined, info: keep, warn: keep, error: keep } };
}

describe('RedisRateLimiter', () => {
  let redis: RedisTestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('refuses options that cannot describe a contract, naming the option', () => {
    expect(() => new RedisRateLimiter({ perSecond: 0, account: 'a' })).toThrow(
      /perSecond must be a number > 0/,
    );
    expect(() => new RedisRateLimiter({ perSecond: 10, account: 'a', burst: 0.5 })).toThrow(/burst must be/);
    expect(() => new RedisRateLimiter({ perSecond: 10 })).toThrow(/needs the account/);
    expect(
      () =>
        new RedisRateLimiter({ perSecond: 10, account: 'a', whenRedisDown: { fallback: 'local', share: 2 } }),
    ).toThrow(/whenRedisDown/);
    expect(
      () => new RedisRateLimiter({ perSecond: 10, account: 'a', sharedThrottle: { decreaseFactor: 1 } }),
    ).toThrow(/decreaseFactor/);
    expect(new RedisRateLimiter({ perSecond: 10, account: 'acme' }).key).toBe('naz:{acme}:rate');
  });

  it('counts every part: 3-token acquires go at a third of the rate', async () => {
    const limiter = new RedisRateLimiter({
      connection: redis.url,
      account: 'parts',
      perSecond: 60,
      burst: 12,
    });
    try {
      await limiter.acquire(3); // a new bucket starts empty: the first acquire waits for it to fill
      const started = Date.now();
      let parts = 0;
      while (Date.now() - started < 2_000) {
        await limiter.acquire(3);
        parts += 3;
      }
      const perSecond = (parts * 1000) / (Date.now() - started);
      // 60 tokens a second, 3 per acquire; the burst (12) absorbs late timers, so little of the rate is lost.
      expect(perSecond).toBeLessThanOrEqual(60 + 12 / 2);
      expect(perSecond).toBeGreaterThanOrEqual(45);
      expect(limiter.health()).toMatchObject({ mode: 'shared', connected: true, perSecond: 60 });
    } finally {
      await limiter.close();
    }
  });

  it("with whenRedisDown 'wait', sends nothing while Redis is unreachable, and an abort ends the wait", async () => {
    const { lines, logger } = recordingLogger();
    const deadPort = await freePort();
    const limiter = new RedisRateLimiter({
      connection: { port: deadPort },
      account: 'down',
      perSecond: 100,
      redisTimeoutMs: 200,
      logger,
    });
    try {
      const controller = new AbortController();
      let resolved = false;
      const pending = limiter.acquire(1, controller.signal).then(() => (resolved = true));
      await new Promise((r) => setTimeout(r, 800));
      expect(resolved).toBe(false);
      expect(limiter.health()).toMatchObject({ mode: 'waiting', connected: false });
      expect(limiter.health().downSince).toBeDefined();
      controller.abort(new Error('stopping'));
      await expect(pending).rejects.toThrow('stopping');
      expect(lines.filter((l) => l.includes('Redis unreachable'))).toHaveLength(1);
    } finally {
      await limiter.close();
    }
  });

  it('with a local fallback, sends at its share of the contract while Redis is unreachable', async () => {
    const { lines, logger } = recordingLogger();
    const deadPort = await freePort();
    const limiter = new RedisRateLimiter({
      connection: { port: deadPort },
      account: 'fallback',
      perSecond: 100,
      burst: 10,
      redisTimeoutMs: 200,
      whenRedisDown: { fallback: 'local', share: 0.5 },
      logger,
    });
    try {
      await limiter.acquire(1); // the first one finds Redis down
      const started = Date.now();
      let sent = 0;
      while (Date.now() - started < 1_000) {
        await limiter.acquire(1);
        sent++;
      }
      // 50/s plus the local bucket's burst of 5 (what was left of it after the first acquire).
      expect(sent).toBeLessThanOrEqual(56);
      expect(sent).toBeGreaterThanOrEqual(25); // it sends (late timers on a loaded machine lose some)
      expect(limiter.health().mode).toBe('local-fallback');
      expect(lines.some((l) => l.includes('local fallback'))).toBe(true);
    } finally {
      await limiter.close();
    }
  });
});
