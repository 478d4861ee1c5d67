import type { AdjustableRateLimiter } from './adjustable-rate-limiter.interface.js';

/** Options of {@link TokenBucketRateLimiter}. */
export interface TokenBucketOptions {
  /** Tokens (PDUs) added per second; must be > 0. */
  perSecond: number;
  /** Bucket size: the largest burst. @default perSecond (at least 1) */
  burst?: number;
  /** Clock in milliseconds, for tests. @default performance.now */
  now?: () => number;
}

interface Waiter {
  tokens: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * The default rate limiter (naz's `SimpleRateLimiter`): a token bucket refilled continuously at `perSecond`.
 *
 * @remarks
 * The client asks for one token per PDU, so a 3-part message costs 3. Waiters are served in arrival order
 * (no overtaking: a big request is not starved by small ones). A request larger than the bucket waits for a
 * full bucket and then leaves it in debt, so it is never stuck forever.
 */
export class TokenBucketRateLimiter implements AdjustableRateLimiter {
  private rate: number;
  private readonly burst: number;
  private level: number;
  private last: number;
  private readonly now: () => number;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: TokenBucketOptions) {
    if (!(options.perSecond > 0) || !Number.isFinite(options.perSecond)) {
      throw new RangeError(`perSecond must be > 0, got ${String(options.perSecond)}`);
    }
    const burst = options.burst ?? Math.max(1, options.perSecond);
    if (!(burst >= 1) || !Number.isFinite(burst))
      throw new RangeError(`burst must be ≥ 1, got ${String(burst)}`);
    this.rate = options.perSecond;
    this.burst = burst;
    this.level = burst;
    this.now = options.now ?? (() => performance.now());
    this.last = this.now();
  }

  get perSecond(): number {
    return this.rate;
  }

  /** Tokens available right now (may be negative after an oversize request). */
  get available(): number {
    this.refill();
    return this.level;
  }

  setRate(perSecond: number): void {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      throw new RangeError(`perSecond must be > 0, got ${String(perSecond)}`);
    }
    this.refill();
    this.rate = perSecond;
    this.schedule();
  }

  tryAcquire(tokens: number): boolean {
    if (this.waiters.length > 0) return false;
    this.refill();
    if (this.level < Math.min(tokens, this.burst)) return false;
    this.level -= tokens;
    return true;
  }

  acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    if (this.tryAcquire(tokens)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason ?? new Error('aborted'));
          this.schedule();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const t = this.now();
    const elapsed = t - this.last;
    this.last = t;
    if (elapsed > 0) this.level = Math.min(this.burst, this.level + (elapsed * this.rate) / 1000);
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.refill();
    while (this.waiters.length > 0) {
      const head = this.waiters[0];
      const need = Math.min(head.tokens, this.burst);
      if (this.level >= need) {
        this.level -= head.tokens;
        this.waiters.shift();
        if (head.signal && head.onAbort) head.signal.removeEventListener('abort', head.onAbort);
        head.resolve();
        continue;
      }
      const waitMs = Math.max(1, Math.ceil(((need - this.level) * 1000) / this.rate));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, waitMs);
      return;
    }
  }
}
