import { performance } from 'node:perf_hooks';
import { ResponseTimeoutError } from './errors/response-timeout.error.js';

/** What the keepalive needs from its session. */
export interface KeepaliveLink {
  /** Whether the session is bound: enquire_link is sent only then. */
  isBound(): boolean;
  /** Sends enquire_link out of band; resolves on its response, rejects on a timeout or when the session ends. */
  enquireLink(timeoutMs: number): Promise<unknown>;
  /** No enquire_link_resp came within `timeoutMs`: the link is dead (the session closes it). */
  onDead(error: ResponseTimeoutError): void;
}

/**
 * The enquire_link timer of one session (SMPP 3.4 §2.9, 5.0 §2.7): after `intervalMs` with nothing received,
 * an enquire_link; no answer within `timeoutMs` and the link is declared dead.
 *
 * @remarks
 * Idle means nothing received, not nothing sent: a peer that takes our writes but never answers is exactly
 * what this must detect. One timer, re-armed for the rest of the interval when something arrived meanwhile,
 * so a busy session costs one clock read per chunk read and no timer churn. Each `start()` begins a new
 * period; an answer from an earlier period (the session closed and reopened meanwhile) is ignored.
 */
export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private lastReceivedAt = 0;
  private outstanding = false;
  private period = 0;
  private rtt: number | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly link: KeepaliveLink,
  ) {}

  /** Round-trip time of the last answered enquire_link, in ms. */
  get lastRttMs(): number | undefined {
    return this.rtt;
  }

  /** The session is bound: the idle clock starts now. */
  start(): void {
    this.stop();
    this.lastReceivedAt = performance.now();
    this.schedule(this.intervalMs);
  }

  /** The session stops being bound (unbinding, closed): no more enquire_link, pending answers ignored. */
  stop(): void {
    this.period++;
    this.outstanding = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Something arrived from the SMSC at `now` (monotonic ms). */
  received(now: number): void {
    this.lastReceivedAt = now;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(this.onTimer, Math.max(1, delayMs));
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (!this.link.isBound() || this.outstanding) return;
    const idle = performance.now() - this.lastReceivedAt;
    if (idle < this.intervalMs) {
      this.schedule(this.intervalMs - idle);
      return;
    }
    const period = this.period;
    const sentAt = performance.now();
    this.outstanding = true;
    this.link.enquireLink(this.timeoutMs).then(
      () => {
        if (period !== this.period) return;
        this.outstanding = false;
        this.rtt = performance.now() - sentAt;
        if (this.link.isBound()) this.schedule(this.intervalMs);
      },
      (error: unknown) => {
        if (period !== this.period) return;
        this.outstanding = false;
        if (error instanceof ResponseTimeoutError) this.link.onDead(error);
      },
    );
  };
}
