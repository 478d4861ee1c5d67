import { describe, it, expect } from '@jest/globals';
import { Notifier, sleep } from './signal-utils.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Notifier', () => {
  it('wakes every waiter at the next notify, and only then', async () => {
    const notifier = new Notifier();
    let woken = 0;
    void notifier.wait().then(() => woken++);
    void notifier.wait().then(() => woken++);
    await tick();
    expect(woken).toBe(0);
    notifier.notify();
    await tick();
    expect(woken).toBe(2);
    // A notify with nobody waiting is not remembered.
    notifier.notify();
    let late = false;
    void notifier.wait().then(() => (late = true));
    await tick();
    expect(late).toBe(false);
    notifier.notify();
    await tick();
    expect(late).toBe(true);
  });

  it('ends a wait when its signal aborts, or at once when it already has', async () => {
    const notifier = new Notifier();
    const controller = new AbortController();
    let woken = false;
    void notifier.wait(controller.signal).then(() => (woken = true));
    await tick();
    controller.abort();
    await tick();
    expect(woken).toBe(true);
    await expect(notifier.wait(controller.signal)).resolves.toBeUndefined();
  });

  it('adds one abort listener per signal, however many waits use it', async () => {
    const notifier = new Notifier();
    const controller = new AbortController();
    let added = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added++;
      add(...args);
    }) as typeof add;
    for (let i = 0; i < 100; i++) {
      const waiting = notifier.wait(controller.signal);
      notifier.notify();
      await waiting;
    }
    expect(added).toBe(1);
  });

  it('ends a wait after timeoutMs without a notify', async () => {
    const notifier = new Notifier();
    const started = performance.now();
    await notifier.wait(undefined, 30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('a notify ends a timed wait before its timeout', async () => {
    const notifier = new Notifier();
    const started = performance.now();
    const waiting = notifier.wait(undefined, 5000);
    setTimeout(() => notifier.notify(), 10);
    await waiting;
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('sleep', () => {
  it('resolves early when its signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 10);
    await sleep(5000, controller.signal);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
