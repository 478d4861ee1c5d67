import type { RateLimiter } from './rate-limiter.interface.js';

/**
 * A rate limiter whose rate can change at run time and that can answer without a promise.
 *
 * @remarks
 * Optional capabilities the client uses when present: congestion control (SMPP 5.0 §2.9) lowers and restores
 * the rate through `setRate`, and the send loop calls `tryAcquire` first so an unthrottled send costs no await.
 */
export interface AdjustableRateLimiter extends RateLimiter {
  /** Current sends per second. */
  readonly perSecond: number;
  /** Changes the rate from now on (> 0). */
  setRate(perSecond: number): void;
  /** Takes `tokens` now if the bucket holds them; false (and nothing taken) otherwise. */
  tryAcquire(tokens: number): boolean;
}

/** Whether a limiter offers `setRate`/`tryAcquire`. */
export function isAdjustableRateLimiter(limiter: RateLimiter): limiter is AdjustableRateLimiter {
  const l = limiter as Partial<AdjustableRateLimiter>;
  return (
    typeof l.setRate === 'function' && typeof l.tryAcquire === 'function' && typeof l.perSecond === 'number'
  );
}
