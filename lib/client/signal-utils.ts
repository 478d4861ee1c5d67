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
 * A condition variable: `wait()` resolves at the next `notify()`, when `signal` aborts, or after `timeoutMs`.
 *
 * @remarks
 * The send loop sleeps on one of these instead of polling: a freed window slot, a bind, a stop all notify it.
 * Wake-ups may be spurious (an abort wakes every waiter), so callers re-check their condition after each wait,
 * as every loop in the client does. All waiters between two notifies share one promise, and each signal gets one
 * abort listener for the notifier's life: at window 1 the send loop waits once per message, and a listener plus a
 * closure per wait cost more than the rest of the wait.
 */
export class Notifier {
  private pending: { promise: Promise<void>; resolve: () => void } | undefined;
  private readonly watched = new WeakSet<AbortSignal>();

  notify(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    pending.resolve();
  }

  wait(signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    if (signal !== undefined && !this.watched.has(signal)) {
      this.watched.add(signal);
      signal.addEventListener('abort', () => this.notify(), { once: true });
    }
    let pending = this.pending;
    if (pending === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      pending = this.pending = { promise, resolve };
    }
    if (timeoutMs === undefined || !Number.isFinite(timeoutMs)) return pending.promise;
    const next = pending.promise;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, timeoutMs));
      void next.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
