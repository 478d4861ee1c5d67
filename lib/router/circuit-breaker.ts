/** State of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Settings of a {@link CircuitBreaker}, all required (the router fills defaults). */
export interface CircuitBreakerSettings {
  failureThreshold: number;
  failureRate: number;
  windowMs: number;
  cooldownMs: number;
  halfOpenProbes: number;
}

/** Buckets the sliding window is cut into: outcomes older than the window leave one bucket at a time. */
const BUCKETS = 10;

/**
 * A circuit breaker over one client: closed → open after enough failures in a sliding window, half-open after a
 * cool-down (a few probes may pass), closed again on a probe's success, open again on its failure.
 *
 * @remarks
 * Written here rather than taken from a library (opossum, cockatiel) because the router must ask "would you admit
 * a message?" without running it (to choose among clients), reserve a half-open probe for one message across all
 * routes, and count only the outcomes it classifies as the SMSC's fault; with an injected clock the state machine
 * is tested without timers. The window is bucketed so recording costs O(1).
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private openedAt = 0;
  private probesOut = 0;
  private readonly failures = new Array<number>(BUCKETS).fill(0);
  private readonly successes = new Array<number>(BUCKETS).fill(0);
  /** The bucket index (absolute: time / bucket length) the arrays were last advanced to. */
  private head = 0;
  private readonly bucketMs: number;

  /**
   * @param onChange - called on every transition (the router logs, emits and wakes waiting messages).
   * @param now - the clock. @default Date.now
   */
  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly onChange: (from: CircuitState, to: CircuitState, failures: number) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.bucketMs = Math.max(1, Math.ceil(settings.windowMs / BUCKETS));
    this.head = Math.floor(this.now() / this.bucketMs);
  }

  /** The state now (an open circuit whose cool-down has passed reads, and becomes, half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.settings.cooldownMs) {
      this.transition('half-open');
    }
    return this.current;
  }

  /** When an open circuit becomes half-open (epoch ms), or undefined when not open. */
  get reopensAt(): number | undefined {
    return this.current === 'open' ? this.openedAt + this.settings.cooldownMs : undefined;
  }

  /** Failures counted in the current window. */
  get windowFailures(): number {
    this.advance();
    return sum(this.failures);
  }

  /** Whether a message may be sent through now (closed, or half-open with a probe free). Reserves nothing. */
  canPass(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && this.probesOut < this.settings.halfOpenProbes);
  }

  /**
   * Takes the right to send one message: always granted when closed; when half-open, one of the probes.
   * @returns a ticket to pass to `success`/`failure`/`release`, or undefined when the circuit does not admit it.
   */
  acquire(): CircuitTicket | undefined {
    const state = this.state;
    if (state === 'closed') return PASS_TICKET;
    if (state === 'half-open' && this.probesOut < this.settings.halfOpenProbes) {
      this.probesOut++;
      return PROBE_TICKET;
    }
    return undefined;
  }

  /** The message went through: a probe's success closes the circuit. */
  success(ticket: CircuitTicket): void {
    this.returnProbe(ticket);
    if (this.current === 'half-open' && ticket.probe) {
      this.reset();
      this.transition('closed');
      return;
    }
    this.advance();
    this.successes[this.head % BUCKETS]++;
  }

  /** The SMSC failed the message (try-elsewhere status, timeout, lost connection). */
  failure(ticket: CircuitTicket): void {
    this.returnProbe(ticket);
    if (this.current === 'half-open') {
      if (ticket.probe) this.open(0);
      return;
    }
    if (this.current === 'open') return;
    this.advance();
    this.failures[this.head % BUCKETS]++;
    const failed = sum(this.failures);
    const total = failed + sum(this.successes);
    if (failed >= this.settings.failureThreshold && failed / total >= this.settings.failureRate) {
      this.open(failed);
    }
  }

  /** The ticket was not used (the message never reached the SMSC): a probe goes back. */
  release(ticket: CircuitTicket): void {
    this.returnProbe(ticket);
  }

  private returnProbe(ticket: CircuitTicket): void {
    if (ticket.probe && this.probesOut > 0) this.probesOut--;
  }

  private open(failures: number): void {
    this.openedAt = this.now();
    this.probesOut = 0;
    this.reset();
    this.transition('open', failures);
  }

  private transition(to: CircuitState, failures = 0): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    if (to !== 'half-open') this.probesOut = 0;
    this.onChange(from, to, failures);
  }

  private reset(): void {
    this.failures.fill(0);
    this.successes.fill(0);
    this.head = Math.floor(this.now() / this.bucketMs);
  }

  /** Moves the window to now, clearing the buckets that fell out of it. */
  private advance(): void {
    const target = Math.floor(this.now() / this.bucketMs);
    const steps = Math.min(BUCKETS, target - this.head);
    for (let i = 1; i <= steps; i++) {
      const slot = (this.head + i) % BUCKETS;
      this.failures[slot] = 0;
      this.successes[slot] = 0;
    }
    if (target > this.head) this.head = target;
  }
}

/** The right to send one message through a circuit; `probe` when taken while half-open. */
export interface CircuitTicket {
  readonly probe: boolean;
}

// Tickets carry only `probe`: two shared ones spare every message an allocation.
const PASS_TICKET: CircuitTicket = Object.freeze({ probe: false });
const PROBE_TICKET: CircuitTicket = Object.freeze({ probe: true });

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
