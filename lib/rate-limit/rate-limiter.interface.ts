/**
 * The rate limiter policy: how fast the send loop may submit.
 *
 * @remarks
 * The send loop calls `acquire(n)` with the number of PDUs about to go out (a long message counts each part).
 * The default is a token bucket; bind your own with the `NAZ_RATE_LIMITER` token (a Redis-shared limiter
 * for several replicas, say).
 */
export interface RateLimiter {
  /** Resolves when `tokens` sends are allowed; rejects only if `signal` aborts. */
  acquire(tokens: number, signal?: AbortSignal): Promise<void>;
}
