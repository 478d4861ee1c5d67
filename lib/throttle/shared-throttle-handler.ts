import type { SharedThrottleSignal } from '../rate-limit/shared-throttle-signal.interface.js';
import type { ThrottleHandler } from './throttle-handler.interface.js';
import { THROTTLE_STATUSES } from './throttle-statuses.js';

/**
 * Wraps the throttle handler of a client whose rate limiter is shared by several replicas: every throttled
 * answer is also reported to the shared limiter, which slows all replicas at once. The wrapped handler's own
 * session pause is kept as it is.
 */
export class SharedThrottleHandler implements ThrottleHandler {
  constructor(
    private readonly local: ThrottleHandler,
    private readonly shared: SharedThrottleSignal,
  ) {}

  onResponse(commandStatus: number): void {
    if (THROTTLE_STATUSES.has(commandStatus)) this.shared.reportThrottled();
    this.local.onResponse(commandStatus);
  }

  delayMs(): number {
    return this.local.delayMs();
  }
}
