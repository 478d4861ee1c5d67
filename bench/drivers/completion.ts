/**
 * Counts completions and resolves once `expected` have happened; `wait(n)` lets a producer stay at most a
 * bounded number of messages ahead of the completions, so queues don't balloon during a run.
 */
export class Completion {
  private count = 0;
  private resolveAll!: () => void;
  readonly all: Promise<void>;
  private waiter: { until: number; resolve: () => void } | undefined;

  constructor(private readonly expected: number) {
    this.all = new Promise((resolve) => (this.resolveAll = resolve));
    if (expected === 0) this.resolveAll();
  }

  get done(): number {
    return this.count;
  }

  /** One more completion. */
  tick(): void {
    this.count++;
    if (this.count === this.expected) this.resolveAll();
    if (this.waiter && this.count >= this.waiter.until) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve();
    }
  }

  /** Resolves once at least `until` completions happened. */
  atLeast(until: number): Promise<void> {
    if (this.count >= until) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { until, resolve }));
  }
}
