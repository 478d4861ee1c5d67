import { describe, expect, it } from '@jest/globals';
import type { CorrelationEntry, Correlator } from './correlator.interface.js';
import { EarlyReceiptHold, type EarlyReceiptRelease } from './early-receipt-hold.js';
import { InMemoryCorrelator } from './in-memory-correlator.js';

const entry = (messageId: string, correlationId = `c-${messageId}`): CorrelationEntry => ({
  messageId,
  correlationId,
  partIndex: 0,
  partCount: 1,
  submittedAt: 0,
});

/** A hold over `correlator` that records what leaves it. */
function holdOver(correlator: Correlator, holdMs = 60_000, maxHeld = 100) {
  const correlated: Array<[string, string]> = [];
  const uncorrelated: Array<[string, EarlyReceiptRelease]> = [];
  const errors: string[] = [];
  const hold = new EarlyReceiptHold<string>({
    correlator,
    holdMs,
    maxHeld,
    onCorrelated: (held, e) => correlated.push([held.item, e.correlationId]),
    onUncorrelated: (released, reason) => {
      for (const r of released) uncorrelated.push([r.item, reason]);
    },
    onError: (message) => errors.push(message),
  });
  return { hold, correlated, uncorrelated, errors };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 400 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
};

describe('EarlyReceiptHold', () => {
  it('releases every receipt held for an id, correlated, when that id is stored here', () => {
    const { hold, correlated } = holdOver(new InMemoryCorrelator());
    hold.hold('7', 'ENROUTE receipt');
    hold.hold('7', 'DELIVRD receipt');
    hold.hold('8', 'other');
    expect(hold.size).toBe(3);
    hold.resolve(entry('7', 'order-7'));
    expect(correlated).toEqual([
      ['ENROUTE receipt', 'order-7'],
      ['DELIVRD receipt', 'order-7'],
    ]);
    expect(hold.size).toBe(1);
    hold.resolve(entry('7', 'order-7')); // a second notice finds nothing waiting
    expect(correlated).toHaveLength(2);
    void hold.close();
  });

  it('learns of an id another client stored in a shared correlator (its watch)', () => {
    const shared = new InMemoryCorrelator();
    const { hold, correlated } = holdOver(shared);
    hold.hold('9', 'receipt');
    shared.put(entry('9', 'order-9'));
    expect(correlated).toEqual([['receipt', 'order-9']]);
    expect(hold.size).toBe(0);
  });

  it('without watch, looks once more: an id stored between the miss and the hold is found', async () => {
    const map = new Map<string, CorrelationEntry>([['10', entry('10', 'order-10')]]);
    const { hold, correlated } = holdOver({
      put: (e) => void map.set(e.messageId, e),
      get: (id) => map.get(id),
    });
    hold.hold('10', 'receipt');
    expect(correlated).toEqual([['receipt', 'order-10']]);
    const asyncGet = holdOver({ put: () => undefined, get: async (id) => map.get(id) });
    asyncGet.hold.hold('10', 'receipt');
    await tick();
    expect(asyncGet.correlated).toEqual([['receipt', 'order-10']]);
  });

  it('after holdMs looks one last time, then releases uncorrelated', async () => {
    const map = new Map<string, CorrelationEntry>();
    // A correlator whose watch never fires (a lost notification): only the last look can find the id.
    const deaf: Correlator = {
      put: (e) => void map.set(e.messageId, e),
      get: (id) => map.get(id),
      watch: () => ({ cancel: () => undefined }),
    };
    const { hold, correlated, uncorrelated } = holdOver(deaf, 30);
    hold.hold('11', 'found late');
    hold.hold('12', 'never');
    map.set('11', entry('11', 'order-11'));
    await waitFor(() => correlated.length + uncorrelated.length === 2);
    expect(correlated).toEqual([['found late', 'order-11']]);
    expect(uncorrelated).toEqual([['never', 'expired']]);
    expect(hold.size).toBe(0);
  });

  it('holds at most maxHeld: the oldest leaves first, uncorrelated', async () => {
    const { hold, uncorrelated, correlated } = holdOver(new InMemoryCorrelator(), 60_000, 2);
    hold.hold('1', 'first');
    hold.hold('2', 'second');
    hold.hold('3', 'third');
    await tick();
    expect(uncorrelated).toEqual([['first', 'overflow']]);
    expect(hold.size).toBe(2);
    hold.resolve(entry('1')); // the evicted one is gone for good
    expect(correlated).toEqual([]);
    await hold.close();
    expect(uncorrelated.map(([item, reason]) => `${item}:${reason}`)).toEqual([
      'first:overflow',
      'second:stopped',
      'third:stopped',
    ]);
    expect(hold.size).toBe(0);
  });

  it('reports a failing correlator and keeps the receipt held', async () => {
    const failing: Correlator = {
      put: () => undefined,
      get: () => undefined,
      watch: () => Promise.reject(new Error('redis down')),
    };
    const { hold, errors } = holdOver(failing);
    hold.hold('13', 'receipt');
    await tick();
    expect(errors).toEqual([expect.stringContaining('correlator.watch failed for an early receipt')]);
    expect(hold.size).toBe(1);
    hold.resolve(entry('13'));
    expect(hold.size).toBe(0);
  });

  it('rejects a hold time or bound that cannot work', () => {
    const correlator = new InMemoryCorrelator();
    const base = { correlator, onCorrelated: () => {}, onUncorrelated: () => {}, onError: () => {} };
    expect(() => new EarlyReceiptHold({ ...base, holdMs: 0, maxHeld: 1 })).toThrow(/holdMs must be > 0/);
    expect(() => new EarlyReceiptHold({ ...base, holdMs: 1, maxHeld: 0 })).toThrow(
      /maxHeld must be an integer/,
    );
  });
});
