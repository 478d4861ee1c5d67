/**
 * Resolves after `ms`, or at once (resolving, not rejecting) when `signal` aborts.
 *
 * @remarks
 * Loops in the client wait with this and then re-check their state, so an abort simply ends the wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A one-shot broadcast: `wait()` resolves at the next `notify()`, on abort, or after `timeoutMs`.
 *
 * @remarks
 * The send loop sleeps on one of these instead of polling: a freed window slot, a bind, a stop all notify it.
 */
export class Notifier {
  private waiters = new Set<() => void>();

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const w of waiters) w();
  }

  wait(signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs))
        timer = setTimeout(done, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
