import { describe, it, expect } from '@jest/globals';
import { CongestionController } from './congestion-controller.js';
import { TokenBucketRateLimiter } from '../rate-limit/token-bucket-rate-limiter.js';
import type { SmppSession } from '../session/smpp-session.js';

const fakeSession = (windowSize: number) => ({ windowSize }) as unknown as SmppSession;

describe('CongestionController (SMPP 5.0 §2.9 congestion_state)', () => {
  it('narrows the window and the rate above 90 and widens them back below 80, never above the configuration', () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter({ perSecond: 100 });
    const c = new CongestionController(true, 20, limiter, 100, () => now);
    const session = fakeSession(20);
    expect(c.onCongestion(session, 95)).toBe(true);
    expect(session.windowSize).toBe(15);
    expect(limiter.perSecond).toBe(75);
    now += 100;
    c.onCongestion(session, 85); // the optimum band: hold
    expect(session.windowSize).toBe(15);
    now += 100;
    c.onCongestion(session, 40);
    expect(session.windowSize).toBe(16);
    expect(limiter.perSecond).toBeCloseTo(82.5);
    for (let i = 0; i < 20; i++) {
      now += 100;
      c.onCongestion(session, 10);
    }
    expect(session.windowSize).toBe(20);
    expect(limiter.perSecond).toBe(100);
  });

  it('adjusts at most once per 100 ms, so a burst of congested responses narrows once', () => {
    const c = new CongestionController(true, 100, undefined, undefined, () => 0);
    const session = fakeSession(100);
    for (let i = 0; i < 50; i++) c.onCongestion(session, 100);
    expect(session.windowSize).toBe(75);
  });

  it('only records the state when disabled', () => {
    const c = new CongestionController(false, 10, undefined, undefined);
    const session = fakeSession(10);
    c.onCongestion(session, 99);
    expect(session.windowSize).toBe(10);
    expect(c.lastState).toBe(99);
  });
});
