/**
 * Counts completions and resolves once `expected` have happened; `atLeast(n)` lets a producer stay at most a
 * bounded number of messages ahead of the completions (so queues don't balloon during a run), and lets a
 * sampler act at a mark (the soak's 200k). Any number of waiters may be pending at once.
 */
export class Completion {
  private count = 0;
  private resolveAll!: () => void;
  readonly all: Promise<void>;
  /** Pending waiters, kept sorted by `until` so `tick()` looks only at the head. */
  private waiters: Array<{ until: number; resolve: () => void }> = [];

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
    while (this.waiters.length > 0 && this.count >= this.waiters[0]!.until) this.waiters.shift()!.resolve();
  }

  /** Resolves once at least `until` completions happened. */
  atLeast(until: number): Promise<void> {
    if (this.count >= until) return Promise.resolve();
    return new Promise((resolve) => {
      let i = this.waiters.length;
      while (i > 0 && this.waiters[i - 1]!.until > until) i--;
      this.waiters.splice(i, 0, { until, resolve });
    });
  }
}
