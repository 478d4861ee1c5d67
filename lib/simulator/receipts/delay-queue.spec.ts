import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { DelayQueue } from './delay-queue.js';

describe('DelayQueue', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('hands items of one slot over in one call, in insertion order, after their delay', () => {
    const calls: number[][] = [];
    const queue = new DelayQueue<number>((items) => calls.push(items), 10);
    for (let i = 0; i < 1000; i++) queue.add(i, 50);
    queue.add(2000, 200);
    expect(queue.size).toBe(1001);
    jest.advanceTimersByTime(49);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(10);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(1000);
    expect(calls[0][999]).toBe(999);
    jest.advanceTimersByTime(200);
    expect(calls[1]).toEqual([2000]);
    expect(queue.size).toBe(0);
  });

  it('runs zero delays on the next immediate, batched', () => {
    const calls: string[][] = [];
    const queue = new DelayQueue<string>((items) => calls.push(items));
    queue.add('a', 0);
    queue.add('b', 0);
    jest.runOnlyPendingTimers();
    expect(calls).toEqual([['a', 'b']]);
  });

  it('forgets everything on clear()', () => {
    const calls: number[][] = [];
    const queue = new DelayQueue<number>((items) => calls.push(items));
    queue.add(1, 0);
    queue.add(2, 30);
    queue.clear();
    jest.advanceTimersByTime(100);
    expect(calls).toEqual([]);
    expect(queue.size).toBe(0);
  });
});
