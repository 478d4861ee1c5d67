import { describe, it, expect } from '@jest/globals';
import { InMemoryCorrelator } from './in-memory-correlator.js';
import type { CorrelationEntry } from './correlator.interface.js';

const entry = (messageId: string, correlationId = `c-${messageId}`): CorrelationEntry => ({
  messageId,
  correlationId,
  partIndex: 0,
  partCount: 1,
  submittedAt: 0,
});

describe('InMemoryCorrelator', () => {
  it('finds an entry by message id', () => {
    const c = new InMemoryCorrelator();
    c.put({ ...entry('abc'), metadata: { campaign: 7 } });
    expect(c.get('abc')).toMatchObject({ correlationId: 'c-abc', metadata: { campaign: 7 } });
    expect(c.get('nope')).toBeUndefined();
  });

  it('never returns an entry past its TTL', () => {
    let now = 0;
    const c = new InMemoryCorrelator({ ttlMs: 1000, now: () => now });
    c.put(entry('a'));
    now = 999;
    expect(c.get('a')).toBeDefined();
    now = 1000;
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('evicts the oldest entries beyond maxEntries', () => {
    const c = new InMemoryCorrelator({ maxEntries: 2 });
    c.put(entry('a'));
    c.put(entry('b'));
    c.put(entry('c'));
    expect(c.get('a')).toBeUndefined();
    expect(c.get('c')).toBeDefined();
    expect(c.size).toBe(2);
    expect(c.evictedCount).toBe(1);
  });

  it('sweeps expired entries lazily as new ones arrive, keeping memory bounded without a timer', () => {
    let now = 0;
    const c = new InMemoryCorrelator({ ttlMs: 10, now: () => now });
    for (let i = 0; i < 100; i++) c.put(entry(`old${i}`));
    now = 20;
    for (let i = 0; i < 100; i++) c.put(entry(`new${i}`));
    // Swept 32 at a time every 32nd put: at most 31 stale entries linger.
    expect(c.size).toBeLessThan(100 + 32);
    expect(c.get('old0')).toBeUndefined();
  });

  it('forgets an entry on delete', () => {
    const c = new InMemoryCorrelator();
    c.put(entry('a'));
    c.delete('a');
    expect(c.get('a')).toBeUndefined();
  });
});
