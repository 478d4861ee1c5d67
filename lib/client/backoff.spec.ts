import { describe, it, expect } from '@jest/globals';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const settings = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };

  it('grows exponentially from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, settings))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('takes off a random share of up to `jitter`', () => {
    expect(backoffDelay(1, { ...settings, jitter: 0.5 }, () => 1)).toBe(50);
    expect(backoffDelay(1, { ...settings, jitter: 0.5 }, () => 0)).toBe(100);
  });
});
