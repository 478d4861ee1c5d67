import { describe, it, expect } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { ResponseTimeoutError } from './errors/response-timeout.error.js';
import { WindowTimeoutError } from './errors/window-timeout.error.js';
import { PendingRequest, tellRequester } from './pending-request.js';
import { RequestWindow } from './request-window.js';

function entry(
  sequenceNumber: number,
  timeoutMs: number,
  counted = true,
): { entry: PendingRequest; settled: Promise<unknown> } {
  let done!: (value: unknown) => void;
  const settled = new Promise((resolve) => (done = resolve));
  const create = counted ? PendingRequest.windowed : PendingRequest.outOfBand;
  const request = create('submit_sm', 'submit_sm_resp', { command: 'submit_sm' }, timeoutMs, (e, pdu) =>
    done(e ?? pdu),
  );
  request.sequenceNumber = sequenceNumber;
  request.deadline = performance.now() + timeoutMs;
  request.queuedAt = performance.now();
  return { entry: request, settled };
}

describe('RequestWindow', () => {
  it('counts only requests that occupy a slot', () => {
    const window = new RequestWindow(2, {
      onResponseTimeout: () => undefined,
      onWaitTimeout: () => undefined,
    });
    const a = entry(1, 10_000);
    const b = entry(2, 10_000, false);
    window.track(a.entry);
    window.track(b.entry);
    expect(window.inFlight).toBe(1);
    expect(window.hasFreeSlot()).toBe(true);
    window.remove(a.entry);
    expect(window.inFlight).toBe(0);
    window.clear();
  });

  it('expires overdue requests with one sweep each, whatever their individual timeouts', async () => {
    const timedOut: number[] = [];
    const window = new RequestWindow(10, {
      onResponseTimeout: (e, error) => {
        expect(error).toBeInstanceOf(ResponseTimeoutError);
        timedOut.push(e.sequenceNumber);
        tellRequester(e.callback, error);
      },
      onWaitTimeout: () => undefined,
    });
    const long = entry(1, 10_000);
    const short = entry(2, 30);
    const shorter = entry(3, 15);
    for (const e of [long, short, shorter]) window.track(e.entry);
    await Promise.all([short.settled, shorter.settled]);
    expect(timedOut.sort()).toEqual([2, 3]);
    expect(window.inFlight).toBe(1);
    expect(window.expiredRecently(2)).toBe(true);
    expect(window.expiredRecently(1)).toBe(false);
    expect(window.clear()).toEqual([long.entry]);
  });

  it('fails waiters whose wait deadline passed with WindowTimeoutError, oldest first', async () => {
    const failed: WindowTimeoutError[] = [];
    const window = new RequestWindow(1, {
      onResponseTimeout: () => undefined,
      onWaitTimeout: (e, error) => {
        failed.push(error);
        tellRequester(e.callback, error);
      },
    });
    const a = entry(0, 20);
    const b = entry(0, 40);
    window.enqueue(a.entry);
    window.enqueue(b.entry);
    await Promise.all([a.settled, b.settled]);
    expect(failed).toHaveLength(2);
    expect(failed[0].windowSize).toBe(1);
    expect(window.waiting.length).toBe(0);
  });
});
