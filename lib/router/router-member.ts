import { CircuitBreaker, type CircuitBreakerSettings, type CircuitState } from './circuit-breaker.js';
import type { RoutableClient } from './routable-client.interface.js';

/** Whether a client can take a message now, and why not. */
export type Availability =
  /** Bound, circuit admits, room for more. */
  | 'ready'
  /** Not bound, but for less than `unboundFailoverMs`: the message waits for the bind. */
  | 'binding'
  | 'unbound'
  | 'circuit-open'
  | 'queue-full';

/** @internal One client as the router sees it: circuit, outstanding messages, time since it was last bound. */
export class RouterMember {
  readonly breaker: CircuitBreaker;
  /** Messages the router has outstanding on this client (waiting for bind, window or response). */
  pending = 0;
  /** Epoch ms since when no session has been bound; undefined while bound. */
  private unboundSince: number | undefined;
  private readonly offState: () => void;

  constructor(
    readonly client: RoutableClient,
    readonly maxPending: number,
    private readonly unboundFailoverMs: number,
    circuit: CircuitBreakerSettings,
    onCircuitChange: (member: RouterMember, from: CircuitState, to: CircuitState, failures: number) => void,
    onStateChange: (member: RouterMember) => void,
    private readonly now: () => number,
  ) {
    this.breaker = new CircuitBreaker(
      circuit,
      (from, to, failures) => onCircuitChange(this, from, to, failures),
      now,
    );
    this.unboundSince = client.isBound() ? undefined : now();
    const listener = () => {
      this.observeBinding();
      onStateChange(this);
    };
    client.on('state', listener);
    this.offState = () => client.off('state', listener);
  }

  get name(): string {
    return this.client.name;
  }

  /** Milliseconds left before an unbound client counts as unbound (0 when bound or past it). */
  graceLeft(): number {
    if (this.unboundSince === undefined) return 0;
    return Math.max(0, this.unboundSince + this.unboundFailoverMs - this.now());
  }

  /** Whether the client can take a message now (`ready`/`binding`), or why not. */
  availability(): Availability {
    const binding = this.observeBinding();
    if (binding === 'unbound') return 'unbound';
    if (!this.breaker.canPass()) return 'circuit-open';
    if (this.pending >= this.maxPending) return 'queue-full';
    return binding;
  }

  /** For health: bound (or within the grace) and circuit not open. Capacity does not matter. */
  isUsable(): boolean {
    return this.observeBinding() !== 'unbound' && this.breaker.state !== 'open';
  }

  detach(): void {
    this.offState();
  }

  private observeBinding(): 'ready' | 'binding' | 'unbound' {
    if (this.client.isBound()) {
      this.unboundSince = undefined;
      return 'ready';
    }
    const now = this.now();
    this.unboundSince ??= now;
    return now - this.unboundSince >= this.unboundFailoverMs ? 'unbound' : 'binding';
  }
}
