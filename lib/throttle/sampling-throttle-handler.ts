import type { ThrottleHandler } from './throttle-handler.interface.js';
import { THROTTLE_STATUSES } from './throttle-statuses.js';

/** Options of {@link SamplingThrottleHandler}. */
export interface SamplingThrottleOptions {
  /** Length of one sampling window. @default 10000 */
  samplingPeriodMs?: number;
  /** Responses needed in a window before it judges. @default 20 */
  sampleSize?: number;
  /** Share (percent) of throttling responses at which sending is denied. @default 1 */
  denyAtPercent?: number;
  /** Pause when denied. @default 1000 */
  delayMs?: number;
  /** Statuses that count as "slow down". @default [ESME_RTHROTTLED, ESME_RMSGQFUL] */
  throttleStatuses?: readonly number[];
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
}

/**
 * The default throttle handler, naz's `SimpleThrottleHandler`: over a sampling window, when at least
 * `sampleSize` responses came back and `denyAtPercent` % or more of them were `ESME_RTHROTTLED` /
 * `ESME_RMSGQFUL`, the whole session pauses for `delayMs`.
 *
 * @remarks
 * One improvement on naz: a denial starts a fresh sample, so after the pause the client probes the SMSC again
 * instead of staying denied until the sampling window happens to roll over (no responses arrive while denied,
 * so the old percentage could never fall).
 */
export class SamplingThrottleHandler implements ThrottleHandler {
  private readonly samplingPeriodMs: number;
  private readonly sampleSize: number;
  private readonly denyAtPercent: number;
  private readonly pauseMs: number;
  private readonly throttleStatuses: ReadonlySet<number>;
  private readonly now: () => number;
  private windowStart: number;
  private total = 0;
  private throttled = 0;
  private deniedUntil = 0;
  private denials = 0;

  constructor(options: SamplingThrottleOptions = {}) {
    this.samplingPeriodMs = options.samplingPeriodMs ?? 10_000;
    this.sampleSize = options.sampleSize ?? 20;
    this.denyAtPercent = options.denyAtPercent ?? 1;
    this.pauseMs = options.delayMs ?? 1000;
    this.throttleStatuses = new Set(options.throttleStatuses ?? THROTTLE_STATUSES);
    this.now = options.now ?? Date.now;
    this.windowStart = this.now();
  }

  /** How many times sending was denied since creation. */
  get denialCount(): number {
    return this.denials;
  }

  /** Whether a pause is running now. */
  isThrottling(): boolean {
    return this.now() < this.deniedUntil;
  }

  onResponse(commandStatus: number): void {
    this.roll(this.now());
    this.total++;
    if (this.throttleStatuses.has(commandStatus)) this.throttled++;
  }

  delayMs(): number {
    const now = this.now();
    if (now < this.deniedUntil) return this.deniedUntil - now;
    this.roll(now);
    if (this.total >= this.sampleSize && (this.throttled * 100) / this.total >= this.denyAtPercent) {
      this.deniedUntil = now + this.pauseMs;
      this.denials++;
      this.reset(now);
      return this.pauseMs;
    }
    return 0;
  }

  private roll(now: number): void {
    if (now - this.windowStart >= this.samplingPeriodMs) this.reset(now);
  }

  private reset(now: number): void {
    this.windowStart = now;
    this.total = 0;
    this.throttled = 0;
  }
}
