import { describe, it, expect } from '@jest/globals';
import { TokenBucketRateLimiter } from './token-bucket-rate-limiter.js';

describe('TokenBucketRateLimiter', () => {
  it('rejects a rate of zero or less', () => {
    expect(() => new TokenBucketRateLimiter({ perSecond: 0 })).toThrow('perSecond must be > 0, got 0');
    expect(() => new TokenBucketRateLimiter({ perSecond: -5 })).toThrow(RangeError);
  });

  it('lets a full burst through at once, then refills at the rate', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ perSecond: 10, burst: 5, now: () => now });
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire(1)).toBe(true);
    expect(limiter.tryAcquire(1)).toBe(false);
    now += 100; // 10/s → one token per 100 ms
    expect(limiter.tryAcquire(1)).toBe(true);
    expect(limiter.tryAcquire(1)).toBe(false);
  });

  it('counts tokens, so a 3-part message costs 3', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ perSecond: 3, now: () => now });
    expect(limiter.tryAcquire(3)).toBe(true);
    expect(limiter.tryAcquire(1)).toBe(false);
    now += 1000;
    expect(limiter.available).toBeCloseTo(3);
  });

  it('makes acquire wait until enough tokens have accumulated, serving waiters in order', async () => {
    const limiter = new TokenBucketRateLimiter({ perSecond: 200, burst: 1 });
    const order: number[] = [];
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => limiter.acquire(1).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8); // two refills of 5 ms each
  });

  it('lets a request larger than the bucket through once the bucket is full (never stuck)', async () => {
    const limiter = new TokenBucketRateLimiter({ perSecond: 1000, burst: 2 });
    await limiter.acquire(5);
    expect(limiter.available).toBeLessThan(0);
  });

  it('rejects a waiting acquire when its signal aborts', async () => {
    const limiter = new TokenBucketRateLimiter({ perSecond: 1, burst: 1 });
    limiter.tryAcquire(1);
    const ac = new AbortController();
    const pending = limiter.acquire(1, ac.signal);
    ac.abort(new Error('stopping'));
    await expect(pending).rejects.toThrow('stopping');
  });

  it('changes its rate at run time', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ perSecond: 1, burst: 10, now: () => now });
    limiter.tryAcquire(10);
    limiter.setRate(100);
    now += 50;
    expect(limiter.perSecond).toBe(100);
    expect(limiter.available).toBeCloseTo(5);
  });
});
