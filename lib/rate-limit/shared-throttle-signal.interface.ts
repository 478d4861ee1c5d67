/**
 * A rate limiter shared by several replicas that can slow all of them when one is throttled.
 *
 * @remarks
 * When the configured rate limiter has this capability, the client reports every `ESME_RTHROTTLED` and
 * `ESME_RMSGQFUL` answer to it, besides the throttle handler's own pause (see `RedisRateLimiter`).
 */
export interface SharedThrottleSignal {
  /** A submit on this replica was answered "throttled" or "queue full". Must not throw or block. */
  reportThrottled(): void;
}

/** Whether a rate limiter offers {@link SharedThrottleSignal}. */
export function isSharedThrottleSignal(limiter: unknown): limiter is SharedThrottleSignal {
  return (
    typeof limiter === 'object' &&
    limiter !== null &&
    typeof (limiter as Partial<SharedThrottleSignal>).reportThrottled === 'function'
  );
}
