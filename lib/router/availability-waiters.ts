/** A message waiting for one of its route's clients. */
interface Waiter {
  clients: readonly string[];
  resolve: () => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * @internal Messages waiting for a client of their route to be able to take them.
 *
 * @remarks
 * A freed slot wakes one waiter of a route that client serves (the oldest), not all of them: with hundreds of
 * messages waiting, waking every one per response made the router spend its time re-choosing (measured: the
 * event loop stalled for ~1 s with 200 waiters at 1,000 msg/s). A bind, an unbind or a circuit change wakes
 * everyone, since any route may be affected; those are rare.
 */
export class AvailabilityWaiters {
  private readonly waiters: Waiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Resolves when woken, when `signal` aborts, or after `timeoutMs`. */
  wait(clients: readonly string[], signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiter: Waiter = { clients, resolve: () => undefined, timer: undefined };
      const done = () => {
        if (waiter.timer) clearTimeout(waiter.timer);
        signal.removeEventListener('abort', done);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve();
      };
      waiter.resolve = done;
      waiter.timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Wakes the oldest waiter whose route includes `client`. */
  wakeOne(client: string): void {
    const waiter = this.waiters.find((w) => w.clients.includes(client));
    waiter?.resolve();
  }

  /** Wakes every waiter. */
  wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve();
  }
}
