import type { RateLimiter } from './rate-limiter.interface.js';

const resolved = Promise.resolve();

/**
 * A rate limiter that never waits: what the client uses when no `rateLimit` is configured.
 *
 * @remarks
 * The client recognises it and skips the call entirely, so "unlimited" costs nothing on the send path.
 */
export class UnlimitedRateLimiter implements RateLimiter {
  acquire(_tokens: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return resolved;
  }
}
