import { isThenable } from '../../client/is-thenable.js';
import type { DiscoveredHandler } from '../naz.explorer.js';

/**
 * @internal Runs handlers without holding the caller (an event emitter): after the engine's current step, in
 * the order the events came, every error (thrown or rejected) passed to `onError`, never thrown.
 *
 * @remarks
 * Why one microtask per batch: this runs once per message for `@OnSubmitResult()` and `@OnRouterResult()`,
 * and Node's `queueMicrotask` costs ~700 instructions a call (an `AsyncResource`, a bound function and a
 * native enqueue), a sixth of what the Nest path adds to the engine (bench/README.md, "Events nobody listens
 * to"). Events that come in the same step (a socket read of a hundred submit_sm_resp) share one microtask;
 * a handler's own promise reactions run after the batch instead of between two handlers. Async context: the
 * batch runs in the context of the step that queued its first event, which is the engine's socket callback, as before.
 */
export class DetachedHandlerRunner {
  private readonly handlers: Array<readonly DiscoveredHandler[]> = [];
  private readonly events: unknown[] = [];
  private scheduled = false;
  private readonly flush = (): void => this.runQueued();

  constructor(private readonly onError: (handler: DiscoveredHandler, error: unknown) => void) {}

  /** Queues a call of each of `handlers` with `event`. */
  run(handlers: readonly DiscoveredHandler[], event: unknown): void {
    if (handlers.length === 0) return;
    this.handlers.push(handlers);
    this.events.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(this.flush);
  }

  private runQueued(): void {
    // Events a handler causes synchronously join this batch (its length is read on every turn).
    for (let i = 0; i < this.events.length; i++) {
      const event = this.events[i];
      for (const handler of this.handlers[i]!) this.call(handler, event);
    }
    this.handlers.length = 0;
    this.events.length = 0;
    this.scheduled = false;
  }

  private call(handler: DiscoveredHandler, event: unknown): void {
    try {
      const result = handler.call(event);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.report(handler, error));
    } catch (error) {
      this.report(handler, error);
    }
  }

  /** A logger that throws must not stop the batch (and with it every later batch). */
  private report(handler: DiscoveredHandler, error: unknown): void {
    try {
      this.onError(handler, error);
    } catch {
      // Nothing is left to tell it with.
    }
  }
}
