import type { CommandName } from '../../protocol/pdu.types.js';
import type { FaultOptions } from '../simulator-options.interface.js';
import { drawDelay, validateDelay } from './delay-spec.js';

/** How often each fault fired, for `stats().faults`. */
export interface FaultCounters {
  throttled: number;
  queueFull: number;
  delayed: number;
  unanswered: number;
  dropped: number;
  unbindsSent: number;
  enquireLinksSent: number;
  enquireLinksUnanswered: number;
  malformedSent: number;
}

/** The submit verdicts a fault can force, besides accepting. */
export type SubmitFault = 'throttled' | 'queueFull' | undefined;

const DEFAULT_NEVER_ANSWER: CommandName[] = ['submit_sm', 'submit_multi', 'data_sm'];

const POSITIVE_INTEGER_SWITCHES = [
  'throttleEveryNth',
  'queueFullEveryNth',
  'neverAnswerEveryNth',
  'dropAfterPdus',
  'malformedEveryNth',
] as const;

const POSITIVE_NUMBER_SWITCHES = [
  'throttleAboveRate',
  'unbindAfterMs',
  'enquireLinkIntervalMs',
  'enquireLinkTimeoutMs',
] as const;

/**
 * The live fault switches and the counters that decide which request a switch hits.
 *
 * @remarks
 * `active` is false when no switch is on, so the submit hot path pays one property read for all of this.
 * Counters behind "every Nth" switches count from the moment the switch was set.
 */
export class FaultState {
  /** True when any switch is on. */
  active = false;
  /** True when a switch that changes responses (not only timers) is on. */
  affectsResponses = false;
  readonly counters: FaultCounters = {
    throttled: 0,
    queueFull: 0,
    delayed: 0,
    unanswered: 0,
    dropped: 0,
    unbindsSent: 0,
    enquireLinksSent: 0,
    enquireLinksUnanswered: 0,
    malformedSent: 0,
  };
  private options: FaultOptions = {};
  private neverAnswerSet = new Set<string>(DEFAULT_NEVER_ANSWER);
  private throttleCount = 0;
  private queueFullCount = 0;
  private neverAnswerCount = 0;
  private bucketTokens = 0;
  private bucketAt = 0;

  constructor(initial: FaultOptions = {}) {
    this.set(initial);
  }

  /** The switches now in force (a copy). */
  current(): FaultOptions {
    return { ...this.options };
  }

  /**
   * Changes some switches; keys given as `undefined` turn that switch off, keys left out stay as they are.
   *
   * @throws RangeError naming the switch when a value is out of range (nothing is changed then).
   */
  set(patch: FaultOptions): void {
    for (const key of POSITIVE_INTEGER_SWITCHES) {
      const value = patch[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw new RangeError(
          `fault ${key} ${value} must be a positive integer (or undefined to turn it off).`,
        );
      }
    }
    for (const key of POSITIVE_NUMBER_SWITCHES) {
      const value = patch[key];
      if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
        throw new RangeError(`fault ${key} ${value} must be a number > 0 (or undefined to turn it off).`);
      }
    }
    validateDelay('fault responseDelayMs', patch.responseDelayMs);
    validateDelay('fault randomDropMs', patch.randomDropMs);
    validateDelay('fault receiptBeforeResponse', patch.receiptBeforeResponse);
    const next: FaultOptions = { ...this.options };
    for (const [key, value] of Object.entries(patch) as [keyof FaultOptions, unknown][]) {
      if (value === undefined) delete next[key];
      else (next as Record<string, unknown>)[key] = value;
    }
    this.options = next;
    if ('throttleEveryNth' in patch) this.throttleCount = 0;
    if ('queueFullEveryNth' in patch) this.queueFullCount = 0;
    if ('neverAnswerEveryNth' in patch || 'neverAnswerCommands' in patch) this.neverAnswerCount = 0;
    if ('throttleAboveRate' in patch) {
      this.bucketTokens = next.throttleAboveRate ?? 0;
      this.bucketAt = Date.now();
    }
    this.neverAnswerSet = new Set(next.neverAnswerCommands ?? DEFAULT_NEVER_ANSWER);
    this.active = Object.keys(next).length > 0;
    this.affectsResponses =
      next.throttleEveryNth !== undefined ||
      next.throttleAboveRate !== undefined ||
      next.queueFullEveryNth !== undefined ||
      next.responseDelayMs !== undefined ||
      next.neverAnswerEveryNth !== undefined ||
      next.dropAfterPdus !== undefined ||
      next.malformedEveryNth !== undefined ||
      next.receiptBeforeResponse !== undefined;
  }

  /** Turns every switch off. */
  clear(): void {
    const off: FaultOptions = {};
    for (const key of Object.keys(this.options)) (off as Record<string, undefined>)[key] = undefined;
    this.set(off);
  }

  /** The switch values, read by connections for their timers. */
  get values(): Readonly<FaultOptions> {
    return this.options;
  }

  /**
   * Decides whether a submit is refused: ESME_RMSGQFUL first, then every-Nth throttling, then the rate.
   * Counts the fault when it fires.
   */
  submitFault(now: number): SubmitFault {
    const o = this.options;
    if (o.queueFullEveryNth !== undefined && ++this.queueFullCount % o.queueFullEveryNth === 0) {
      this.counters.queueFull++;
      return 'queueFull';
    }
    if (o.throttleEveryNth !== undefined && ++this.throttleCount % o.throttleEveryNth === 0) {
      this.counters.throttled++;
      return 'throttled';
    }
    if (o.throttleAboveRate !== undefined) {
      // Token bucket holding one second of traffic: bursts up to the rate pass, sustained excess is refused.
      const rate = o.throttleAboveRate;
      this.bucketTokens = Math.min(rate, this.bucketTokens + ((now - this.bucketAt) * rate) / 1000);
      this.bucketAt = now;
      if (this.bucketTokens < 1) {
        this.counters.throttled++;
        return 'throttled';
      }
      this.bucketTokens -= 1;
    }
    return undefined;
  }

  /** Whether this request goes unanswered (and unprocessed). Counts it when so. */
  neverAnswer(command: string): boolean {
    const n = this.options.neverAnswerEveryNth;
    if (n === undefined || !this.neverAnswerSet.has(command)) return false;
    if (++this.neverAnswerCount % n !== 0) return false;
    this.counters.unanswered++;
    return true;
  }

  /** Whether accepted submits send their receipt at once, before their response (`receiptBeforeResponse`). */
  get receiptsFirst(): boolean {
    return this.options.receiptBeforeResponse !== undefined;
  }

  /** Milliseconds to hold the next submit response back: `receiptBeforeResponse` when on, else the delay fault. */
  submitResponseDelay(): number {
    const first = this.options.receiptBeforeResponse;
    return first === undefined ? this.responseDelay() : drawDelay(first);
  }

  /** Milliseconds to hold the next response back (0 = answer at once). */
  responseDelay(): number {
    return drawDelay(this.options.responseDelayMs);
  }
}
