import { describe, expect, it } from '@jest/globals';
import { FaultState } from './fault-state.js';

describe('FaultState', () => {
  it('is inactive with no switch, and active with any', () => {
    const faults = new FaultState();
    expect(faults.active).toBe(false);
    faults.set({ enquireLinkIntervalMs: 100 });
    expect(faults.active).toBe(true);
    expect(faults.affectsResponses).toBe(false);
    faults.set({ throttleEveryNth: 2 });
    expect(faults.affectsResponses).toBe(true);
    faults.clear();
    expect(faults.active).toBe(false);
    expect(faults.current()).toEqual({});
  });

  it('puts ESME_RMSGQFUL before every-Nth throttling, and counts both', () => {
    const faults = new FaultState({ queueFullEveryNth: 2, throttleEveryNth: 3 });
    const verdicts = Array.from({ length: 6 }, () => faults.submitFault(0));
    expect(verdicts).toEqual([undefined, 'queueFull', undefined, 'queueFull', 'throttled', 'queueFull']);
    expect(faults.counters).toMatchObject({ queueFull: 3, throttled: 1 });
  });

  it('throttles above a rate with a one-second bucket that refills over time', () => {
    const faults = new FaultState();
    faults.set({ throttleAboveRate: 5 });
    const now = Date.now();
    const first = Array.from({ length: 8 }, () => faults.submitFault(now));
    expect(first.filter((v) => v === undefined)).toHaveLength(5);
    expect(faults.submitFault(now + 400)).toBeUndefined(); // 2 tokens back after 400 ms
  });

  it('restarts an every-Nth counter when its switch is set again', () => {
    const faults = new FaultState({ throttleEveryNth: 2 });
    faults.submitFault(0);
    faults.set({ throttleEveryNth: 2 });
    expect(faults.submitFault(0)).toBeUndefined();
    expect(faults.submitFault(0)).toBe('throttled');
  });

  it('never-answers only the configured commands', () => {
    const faults = new FaultState({ neverAnswerEveryNth: 1, neverAnswerCommands: ['query_sm'] });
    expect(faults.neverAnswer('submit_sm')).toBe(false);
    expect(faults.neverAnswer('query_sm')).toBe(true);
  });

  it('rejects bad values by name and keeps the previous switches', () => {
    const faults = new FaultState({ dropAfterPdus: 5 });
    expect(() => faults.set({ dropAfterPdus: 1.5 })).toThrow(/dropAfterPdus 1.5 must be a positive integer/);
    expect(() => faults.set({ throttleAboveRate: 0 })).toThrow(/throttleAboveRate 0/);
    expect(() => faults.set({ randomDropMs: { min: 10, max: 5 } })).toThrow(/randomDropMs/);
    expect(faults.current()).toEqual({ dropAfterPdus: 5 });
  });
});
