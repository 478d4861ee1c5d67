import { describe, it, expect } from '@jest/globals';
import { FifoQueue } from './fifo-queue.js';

describe('FifoQueue', () => {
  it('returns items oldest first and reports its length', () => {
    const queue = new FifoQueue<number>();
    queue.push(1);
    queue.push(2);
    expect(queue.length).toBe(2);
    expect(queue.peek()).toBe(1);
    expect(queue.shift()).toBe(1);
    expect(queue.shift()).toBe(2);
    expect(queue.shift()).toBeUndefined();
    expect(queue.length).toBe(0);
  });

  it('keeps order across compaction with many items', () => {
    const queue = new FifoQueue<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      queue.push(i);
      if (i % 3 === 0) out.push(queue.shift()!);
    }
    out.push(...queue.drain());
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(queue.length).toBe(0);
  });
});
