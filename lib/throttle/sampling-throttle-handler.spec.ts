import { describe, it, expect } from '@jest/globals';
import { SamplingThrottleHandler } from './sampling-throttle-handler.js';

const ROK = 0;
const THROTTLED = 0x58;
const QUEUE_FULL = 0x14;

describe('SamplingThrottleHandler', () => {
  it('does not judge before sampleSize responses', () => {
    const h = new SamplingThrottleHandler({ sampleSize: 10, denyAtPercent: 10, delayMs: 500, now: () => 0 });
    for (let i = 0; i < 9; i++) h.onResponse(THROTTLED);
    expect(h.delayMs()).toBe(0);
  });

  it('denies sending for delayMs when the throttled share reaches denyAtPercent', () => {
    let now = 0;
    const h = new SamplingThrottleHandler({
      sampleSize: 10,
      denyAtPercent: 20,
      delayMs: 500,
      now: () => now,
    });
    for (let i = 0; i < 8; i++) h.onResponse(ROK);
    h.onResponse(THROTTLED);
    h.onResponse(QUEUE_FULL);
    expect(h.delayMs()).toBe(500);
    now += 200;
    expect(h.delayMs()).toBe(300);
    expect(h.isThrottling()).toBe(true);
    now += 300;
    expect(h.delayMs()).toBe(0);
    expect(h.denialCount).toBe(1);
  });

  it('stays open under the threshold', () => {
    const h = new SamplingThrottleHandler({ sampleSize: 10, denyAtPercent: 20, now: () => 0 });
    for (let i = 0; i < 9; i++) h.onResponse(ROK);
    h.onResponse(THROTTLED);
    expect(h.delayMs()).toBe(0);
  });

  it('starts a fresh sample after each sampling period', () => {
    let now = 0;
    const h = new SamplingThrottleHandler({
      samplingPeriodMs: 1000,
      sampleSize: 2,
      denyAtPercent: 50,
      now: () => now,
    });
    h.onResponse(THROTTLED);
    now += 1000;
    h.onResponse(ROK);
    h.onResponse(ROK);
    expect(h.delayMs()).toBe(0);
  });
});
