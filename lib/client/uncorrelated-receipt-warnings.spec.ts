import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  IDS_IN_WARNING,
  UncorrelatedReceiptWarnings,
  type UncorrelatedReceiptsReport,
} from './uncorrelated-receipt-warnings.js';

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('UncorrelatedReceiptWarnings', () => {
  let reports: UncorrelatedReceiptsReport[];
  let warnings: UncorrelatedReceiptWarnings;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    reports = [];
    warnings = new UncorrelatedReceiptWarnings((r) => reports.push(r), 1_000);
  });

  afterEach(() => {
    warnings.flush();
    jest.useRealTimers();
  });

  it('reports the first release at once, with its count and first ids', () => {
    warnings.add('expired', 3, ['a', 'b', 'c']);
    expect(reports).toEqual([{ reason: 'expired', count: 3, messageIds: ['a', 'b', 'c'] }]);
  });

  it('turns a flood of one-receipt releases into one line a second, counting every receipt', () => {
    // A full hold releases one receipt per new one: 4,300 of them within the first second.
    for (let i = 0; i < 4_300; i++) warnings.add('overflow', 1, [`m${i}`]);
    expect(reports).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toEqual({ reason: 'overflow', count: 4_299, messageIds: ids('m', 11).slice(1) });
    expect(reports.reduce((sum, r) => sum + r.count, 0)).toBe(4_300);
  });

  it('lists at most IDS_IN_WARNING ids in a line', () => {
    warnings.add('overflow', 50, ids('x', 50));
    warnings.add('overflow', 50, ids('y', 50));
    jest.advanceTimersByTime(1_000);
    expect(reports.map((r) => r.messageIds.length)).toEqual([IDS_IN_WARNING, IDS_IN_WARNING]);
    expect(reports[1]!.messageIds).toEqual(ids('y', IDS_IN_WARNING));
  });

  it('keeps reasons apart: each has its own line and interval', () => {
    warnings.add('overflow', 1, ['o1']);
    warnings.add('expired', 1, ['e1']);
    warnings.add('overflow', 2, ['o2', 'o3']);
    expect(reports.map((r) => r.reason)).toEqual(['overflow', 'expired']);
    jest.advanceTimersByTime(1_000);
    expect(reports.slice(2)).toEqual([{ reason: 'overflow', count: 2, messageIds: ['o2', 'o3'] }]);
  });

  it('reports at once again after a quiet interval', () => {
    warnings.add('expired', 1, ['a']);
    jest.advanceTimersByTime(1_000);
    // Nothing came in that interval: no line, and the next release is reported at once.
    expect(reports).toHaveLength(1);
    warnings.add('expired', 1, ['b']);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toEqual({ reason: 'expired', count: 1, messageIds: ['b'] });
  });

  it('keeps reporting once a second while the flood lasts', () => {
    warnings.add('overflow', 1, ['first']);
    for (let second = 0; second < 3; second++) {
      warnings.add('overflow', 7, ['n']);
      jest.advanceTimersByTime(1_000);
    }
    expect(reports.map((r) => r.count)).toEqual([1, 7, 7, 7]);
  });

  it('flush() reports what is pending at once and leaves no timer behind', () => {
    warnings.add('stopped', 1, ['a']);
    warnings.add('stopped', 4, ['b', 'c', 'd', 'e']);
    warnings.flush();
    expect(reports.map((r) => r.count)).toEqual([1, 4]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('after flush(), reports each late release at once: none waits on a timer the process may not see', () => {
    warnings.add('overflow', 1, ['a']);
    warnings.flush();
    // Overflow releases whose last look in the correlator was still under way when the client stopped.
    warnings.add('overflow', 1, ['b']);
    warnings.add('overflow', 2, ['c', 'd']);
    expect(reports.map((r) => [r.count, r.messageIds])).toEqual([
      [1, ['a']],
      [1, ['b']],
      [2, ['c', 'd']],
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ignores an empty release', () => {
    warnings.add('expired', 0, []);
    expect(reports).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
