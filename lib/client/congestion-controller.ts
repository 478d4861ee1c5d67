import type { AdjustableRateLimiter } from '../rate-limit/adjustable-rate-limiter.interface.js';
import type { SmppSession } from '../session/smpp-session.js';

/** Above this congestion_state the SMSC is overloaded: narrow (SMPP 5.0 §2.9 keeps peers at 80-90). */
const NARROW_ABOVE = 90;
/** Below this there is room: widen back toward the configured window and rate. */
const WIDEN_BELOW = 80;
/** Adjust at most this often, so one burst of congested responses shrinks the window once, not a hundred times. */
const ADJUST_INTERVAL_MS = 100;

/**
 * Adapts each session's window (and the rate limit, when adjustable) to the congestion_state TLV the SMSC puts
 * in its responses (SMPP 5.0 §4.8.4.18: 0 idle … 80-90 optimum … 100 congested; §2.9: windowing is no flow
 * control, the peer's congestion_state is).
 *
 * @remarks
 * Above 90: window × 0.75 (at least 1) and rate × 0.75 (at least 10% of the configured rate). Below 80: window
 * + 10% (at least +1) and rate × 1.1, never above the configured values. Between 80 and 90: hold.
 * Off unless `congestionControl: true`; the last reported value is always kept for `stats()`.
 */
export class CongestionController {
  private lastAdjust = new WeakMap<SmppSession, number>();
  /** Last congestion_state seen, from any session. */
  lastState: number | undefined;

  constructor(
    private readonly enabled: boolean,
    private readonly configuredWindow: number,
    private readonly limiter: AdjustableRateLimiter | undefined,
    private readonly configuredRate: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Handles one reported congestion_state; returns true when the window or rate changed. */
  onCongestion(session: SmppSession, state: number): boolean {
    this.lastState = state;
    if (!this.enabled || (state <= NARROW_ABOVE && state >= WIDEN_BELOW)) return false;
    const now = this.now();
    if (now - (this.lastAdjust.get(session) ?? -Infinity) < ADJUST_INTERVAL_MS) return false;
    this.lastAdjust.set(session, now);
    const window = session.windowSize;
    if (state > NARROW_ABOVE) {
      const narrowed = Math.max(1, Math.floor(window * 0.75));
      if (narrowed !== window) session.windowSize = narrowed;
      this.scaleRate(0.75);
      return narrowed !== window;
    }
    const widened = Math.min(this.configuredWindow, window + Math.max(1, Math.floor(window * 0.1)));
    if (widened !== window) session.windowSize = widened;
    this.scaleRate(1.1);
    return widened !== window;
  }

  private scaleRate(factor: number): void {
    if (!this.limiter || this.configuredRate === undefined) return;
    const next = Math.min(
      this.configuredRate,
      Math.max(this.configuredRate * 0.1, this.limiter.perSecond * factor),
    );
    if (next !== this.limiter.perSecond) this.limiter.setRate(next);
  }
}
