import { describe, it, expect } from '@jest/globals';
import { candidateOrder } from '../../lib/router/candidate-order.js';
import { seededRandom } from './seeded-random.js';

describe('candidate order of a route', () => {
  it('keeps the listed order when no client has a weight', () => {
    const random = seededRandom(1);
    const targets = [
      { client: 'a', weight: 0 },
      { client: 'b', weight: 0 },
      { client: 'c', weight: 0 },
    ];
    for (let i = 0; i < 100; i++) expect(candidateOrder(targets, random)).toEqual(['a', 'b', 'c']);
  });

  it('spreads first choices by weight (3:1, within 2 % over 20,000 draws) and keeps the rest as failovers', () => {
    const random = seededRandom(42);
    const targets = [
      { client: 'a', weight: 3 },
      { client: 'b', weight: 1 },
      { client: 'standby', weight: 0 },
    ];
    const firsts: Record<string, number> = { a: 0, b: 0, standby: 0 };
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const order = candidateOrder(targets, random);
      firsts[order[0]!]++;
      // Every client stays in the order, the standby last: the others are each other's failover.
      expect(order).toHaveLength(3);
      expect(order[2]).toBe('standby');
    }
    expect(firsts.standby).toBe(0);
    expect(firsts.a / draws).toBeGreaterThan(0.73);
    expect(firsts.a / draws).toBeLessThan(0.77);
    expect(firsts.b / draws).toBeGreaterThan(0.23);
    expect(firsts.b / draws).toBeLessThan(0.27);
  });

  it('gives a skipped weighted client’s share to the other weighted ones', () => {
    const random = seededRandom(7);
    const targets = [
      { client: 'a', weight: 2 },
      { client: 'b', weight: 1 },
      { client: 'c', weight: 1 },
    ];
    const firsts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) firsts[candidateOrder(targets, random, (c) => c !== 'a')[0]!]++;
    expect(firsts.a).toBe(0);
    expect(firsts.b / 10_000).toBeGreaterThan(0.47);
    expect(firsts.b / 10_000).toBeLessThan(0.53);
  });

  it('falls back to the listed order when no weighted client is eligible', () => {
    const order = candidateOrder(
      [
        { client: 'a', weight: 1 },
        { client: 'b', weight: 0 },
      ],
      seededRandom(3),
      (c) => c === 'b',
    );
    expect(order).toEqual(['a', 'b']);
  });
});
