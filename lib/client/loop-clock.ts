/**
 * Epoch milliseconds, read once per event-loop turn: the first call of a turn reads `Date.now()`, the others
 * return that value until the turn ends (a `setImmediate` marks it stale).
 *
 * @remarks
 * The send path records three or more entries per message, most of them in turns that handle many messages
 * (a socket read of 100 responses, a producer's burst of `send()` calls); a clock read costs ~50 ns here. A
 * time read this way is at most one turn old: the client's turns are a window's worth of work (well under a
 * millisecond at window 100), and an entry's order in its message's history is its recording order.
 */
export class LoopClock {
  private cached = 0;
  private fresh = false;
  private readonly expire = (): void => {
    this.fresh = false;
  };

  now(): number {
    // The common case alone, so V8 inlines it into the three or more callers a message has.
    return this.fresh ? this.cached : this.read();
  }

  private read(): number {
    this.fresh = true;
    setImmediate(this.expire);
    return (this.cached = Date.now());
  }
}
