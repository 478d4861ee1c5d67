import { describe, it, expect } from '@jest/globals';
import { CircuitBreaker, type CircuitState } from '../../lib/router/circuit-breaker.js';

const SETTINGS = {
  failureThreshold: 3,
  failureRate: 0.5,
  windowMs: 1000,
  cooldownMs: 500,
  halfOpenProbes: 1,
};

function breaker(settings = SETTINGS) {
  let now = 1_000_000;
  const transitions: Array<[CircuitState, CircuitState]> = [];
  const cb = new CircuitBreaker(
    settings,
    (from, to) => transitions.push([from, to]),
    () => now,
  );
  return { cb, transitions, advance: (ms: number) => (now += ms) };
}

function fail(cb: CircuitBreaker, times = 1) {
  for (let i = 0; i < times; i++) cb.failure(cb.acquire()!);
}
function succeed(cb: CircuitBreaker, times = 1) {
  for (let i = 0; i < times; i++) cb.success(cb.acquire()!);
}

describe('circuit breaker', () => {
  it('stays closed below the failure threshold', () => {
    const { cb } = breaker();
    fail(cb, 2);
    expect(cb.state).toBe('closed');
    expect(cb.canPass()).toBe(true);
  });

  it('opens at the threshold within the window and then admits nothing', () => {
    const { cb, transitions } = breaker();
    fail(cb, 3);
    expect(cb.state).toBe('open');
    expect(cb.canPass()).toBe(false);
    expect(cb.acquire()).toBeUndefined();
    expect(transitions).toEqual([['closed', 'open']]);
  });

  it('forgets failures that slid out of the window', () => {
    const { cb, advance } = breaker();
    fail(cb, 2);
    advance(1200);
    fail(cb, 2);
    expect(cb.state).toBe('closed');
    expect(cb.windowFailures).toBe(2);
  });

  it('needs the failure rate too: a few failures among many successes do not open it', () => {
    const { cb } = breaker();
    succeed(cb, 10);
    fail(cb, 4); // 4 of 14 = 29 % < 50 %
    expect(cb.state).toBe('closed');
    fail(cb, 6); // 10 of 20 = 50 %
    expect(cb.state).toBe('open');
  });

  it('turns half-open after the cool-down and lets one probe through at a time', () => {
    const { cb, advance, transitions } = breaker();
    fail(cb, 3);
    advance(499);
    expect(cb.state).toBe('open');
    advance(1);
    expect(cb.state).toBe('half-open');
    const probe = cb.acquire();
    expect(probe).toEqual({ probe: true });
    expect(cb.canPass()).toBe(false);
    expect(cb.acquire()).toBeUndefined();
    cb.release(probe!);
    expect(cb.canPass()).toBe(true);
    expect(transitions).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
    ]);
  });

  it('closes on a probe’s success, with a clean window', () => {
    const { cb, advance, transitions } = breaker();
    fail(cb, 3);
    advance(500);
    cb.success(cb.acquire()!);
    expect(cb.state).toBe('closed');
    expect(cb.windowFailures).toBe(0);
    expect(transitions.at(-1)).toEqual(['half-open', 'closed']);
  });

  it('opens again on a probe’s failure and waits a full cool-down', () => {
    const { cb, advance, transitions } = breaker();
    fail(cb, 3);
    advance(500);
    cb.failure(cb.acquire()!);
    expect(cb.state).toBe('open');
    advance(499);
    expect(cb.state).toBe('open');
    advance(1);
    expect(cb.state).toBe('half-open');
    expect(transitions.map(([, to]) => to)).toEqual(['open', 'half-open', 'open', 'half-open']);
  });

  it('ignores late outcomes of messages sent before it opened', () => {
    const { cb, advance } = breaker();
    const early = cb.acquire()!;
    fail(cb, 3);
    cb.success(early); // a response from before the storm does not close an open circuit
    expect(cb.state).toBe('open');
    advance(500);
    cb.failure(early); // nor does a late failure re-open a half-open one: only probes decide
    expect(cb.state).toBe('half-open');
  });
});
