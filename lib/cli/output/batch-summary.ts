import { formatDuration } from './format-duration.js';
import { formatTable } from './format-table.js';

/** One failed message of a batch. */
export interface BatchFailure {
  line: number;
  to: string;
  correlationId: string;
  /** Status name (`ESME_RINVDSTADR`) or error class. */
  reason: string;
}

/** The outcome of `naz-cli send --file`. */
export interface BatchSummary {
  source: string;
  total: number;
  accepted: number;
  failed: number;
  /** Messages neither accepted nor failed (interrupted run). */
  unfinished: number;
  durationMs: number;
  /** Failed messages counted by reason. */
  failedByReason: Record<string, number>;
  failures: BatchFailure[];
}

/** Failed messages listed one by one in the table; the rest are counted. */
const MAX_LISTED_FAILURES = 20;

/** The end-of-batch table printed to stderr. */
export function formatBatchSummary(summary: BatchSummary): string {
  const rate = summary.durationMs > 0 ? ((summary.accepted + summary.failed) * 1000) / summary.durationMs : 0;
  const parts = [
    `Summary of ${summary.source}`,
    formatTable([
      ['total', String(summary.total)],
      ['accepted', String(summary.accepted)],
      ['failed', String(summary.failed)],
      ...(summary.unfinished > 0 ? [['unfinished', String(summary.unfinished)]] : []),
      ['duration', formatDuration(summary.durationMs)],
      ['rate', `${rate.toFixed(1)} msg/s`],
    ]),
  ];
  const reasons = Object.entries(summary.failedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) parts.push('Failures by reason', formatTable(reasons));
  if (summary.failures.length > 0) {
    const listed = [...summary.failures].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_FAILURES);
    parts.push(
      'Failed messages',
      formatTable([
        ['line', 'to', 'correlationId', 'reason'],
        ...listed.map((f) => [String(f.line), f.to, f.correlationId, f.reason]),
      ]),
    );
    if (summary.failures.length > listed.length)
      parts.push(`  ... and ${summary.failures.length - listed.length} more`);
  }
  return `${parts.join('\n')}\n`;
}
