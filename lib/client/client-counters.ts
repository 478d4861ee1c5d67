/** The client's mutable counters, read by `stats()`. Plain fields: incremented on the hot path. */
export class ClientCounters {
  submitted = 0;
  accepted = 0;
  failed = 0;
  readonly failedByStatus: Record<string, number> = {};
  retried = 0;
  receipts = 0;
  receiptsCorrelated = 0;
  receiptsUncorrelated = 0;
  receiptsEarly = 0;
  inbound = 0;
  reconnects = 0;
  bindFailures = 0;
  congestionState: number | undefined;

  /** Counts a failure under its reason (status name or error class). */
  fail(reason: string): void {
    this.failed++;
    this.failedByStatus[reason] = (this.failedByStatus[reason] ?? 0) + 1;
  }
}
