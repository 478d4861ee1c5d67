import type { EarlyReceiptRelease } from '../correlation/early-receipt-hold.js';

/** How many message ids one warning lists. */
export const IDS_IN_WARNING = 10;

/** One warning line: how many receipts left the hold uncorrelated for one reason, and the first ids. */
export interface UncorrelatedReceiptsReport {
  reason: EarlyReceiptRelease;
  count: number;
  /** The first {@link IDS_IN_WARNING} message ids of the receipts the line covers. */
  messageIds: string[];
}

interface Window {
  timer: ReturnType<typeof setTimeout>;
  count: number;
  messageIds: string[];
}

/**
 * Turns releases of uncorrelated receipts into at most one warning per reason per `intervalMs`.
 *
 * @remarks
 * Why: a full hold releases its oldest receipt for every new one (`correlation.maxEarlyReceipts`), so a flood
 * of foreign receipts (another replica's, delivered to this bind of a shared system_id) was one warn line per
 * receipt: thousands a second, burying everything else in the log. The first release of a reason is reported
 * at once; later ones within the interval are counted and reported together when it ends, with their count
 * and first ids. Nothing is dropped: every receipt is counted in `receiptsUncorrelated` and delivered as
 * before, and `flush()` (on stop) reports what is pending.
 */
export class UncorrelatedReceiptWarnings {
  private readonly windows = new Map<EarlyReceiptRelease, Window>();
  /**
   * After `flush()`: every release is reported at once. A stopped client's sessions are closed, so only the
   * few releases already under way can follow; none waits on a timer the process may not live to see.
   */
  private flushed = false;

  constructor(
    private readonly report: (report: UncorrelatedReceiptsReport) => void,
    private readonly intervalMs = 1_000,
  ) {}

  /**
   * `count` receipts released uncorrelated for `reason`, `firstIds` the message ids of the first of them (the
   * rest are not looked at): reported now, or with the others of this interval.
   */
  add(reason: EarlyReceiptRelease, count: number, firstIds: readonly string[]): void {
    if (count === 0) return;
    const open = this.windows.get(reason);
    if (this.flushed || open === undefined) {
      this.report({ reason, count, messageIds: firstIds.slice(0, IDS_IN_WARNING) });
      if (!this.flushed) this.open(reason);
      return;
    }
    open.count += count;
    for (let i = 0; i < firstIds.length && open.messageIds.length < IDS_IN_WARNING; i++)
      open.messageIds.push(firstIds[i]!);
  }

  /**
   * Reports every pending count now and closes the intervals (the client is stopping, its sessions closed).
   * Releases still under way (an overflow's last look in the correlator) are then reported one by one.
   */
  flush(): void {
    this.flushed = true;
    for (const [reason, window] of [...this.windows]) {
      clearTimeout(window.timer);
      this.windows.delete(reason);
      if (window.count > 0) this.report({ reason, count: window.count, messageIds: window.messageIds });
    }
  }

  private open(reason: EarlyReceiptRelease): void {
    const timer = setTimeout(() => this.close(reason), this.intervalMs);
    // A pending warning must not keep the process alive; `flush()` reports it on a clean stop.
    timer.unref();
    this.windows.set(reason, { timer, count: 0, messageIds: [] });
  }

  /** The interval ended: report what it counted and open the next one, or close if it counted nothing. */
  private close(reason: EarlyReceiptRelease): void {
    const window = this.windows.get(reason);
    if (window === undefined) return;
    this.windows.delete(reason);
    if (window.count === 0) return;
    this.report({ reason, count: window.count, messageIds: window.messageIds });
    this.open(reason);
  }
}
