import { describe, expect, it } from '@jest/globals';

import { formatBatchSummary } from './batch-summary.js';

describe('formatBatchSummary', () => {
  it('tabulates totals, failures by reason and the failed rows in line order', () => {
    const text = formatBatchSummary({
      source: 'batch.csv',
      total: 4,
      accepted: 2,
      failed: 2,
      unfinished: 0,
      durationMs: 2000,
      failedByReason: { ESME_RINVDSTADR: 1, ESME_RMSGQFUL: 1 },
      failures: [
        { line: 5, to: '2547', correlationId: 'b', reason: 'ESME_RMSGQFUL' },
        { line: 3, to: '2548', correlationId: 'a', reason: 'ESME_RINVDSTADR' },
      ],
    });
    expect(text).toBe(
      [
        'Summary of batch.csv',
        '  total     4',
        '  accepted  2',
        '  failed    2',
        '  duration  2.0s',
        '  rate      2.0 msg/s',
        'Failures by reason',
        '  ESME_RINVDSTADR  1',
        '  ESME_RMSGQFUL    1',
        'Failed messages',
        '  line  to    correlationId  reason',
        '  3     2548  a              ESME_RINVDSTADR',
        '  5     2547  b              ESME_RMSGQFUL',
        '',
      ].join('\n'),
    );
  });

  it('shows unfinished messages and caps the failed rows', () => {
    const failures = Array.from({ length: 25 }, (_, i) => ({
      line: i + 2,
      to: '1',
      correlationId: `c${i}`,
      reason: 'X',
    }));
    const text = formatBatchSummary({
      source: 's',
      total: 30,
      accepted: 0,
      failed: 25,
      unfinished: 5,
      durationMs: 0,
      failedByReason: { X: 25 },
      failures,
    });
    expect(text).toContain('  unfinished  5');
    expect(text).toContain('  ... and 5 more');
  });
});
