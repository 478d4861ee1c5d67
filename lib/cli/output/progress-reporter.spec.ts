import { describe, expect, it } from '@jest/globals';

import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { ProgressReporter } from './progress-reporter.js';

function recordingLogger(): NazLogger & { entries: Array<[string, Record<string, unknown> | undefined]> } {
  const entries: Array<[string, Record<string, unknown> | undefined]> = [];
  const log = (message: string, fields?: Record<string, unknown>) => entries.push([message, fields]);
  return { entries, debug: log, info: log, warn: log, error: log };
}

describe('ProgressReporter', () => {
  it('draws a bar with counts, rate and ETA in place on a TTY', () => {
    let now = 0;
    const writes: string[] = [];
    const reporter = new ProgressReporter({
      total: 100,
      stream: { isTTY: true, columns: 100, write: (text: string) => writes.push(text) },
      logger: recordingLogger(),
      now: () => now,
    });
    now = 2000;
    reporter.update({ accepted: 45, failed: 5 });
    const ESC = String.fromCharCode(0x1b);
    expect(writes.at(-1)).toBe(
      `\r${'█'.repeat(20)}${'░'.repeat(20)}  50% 50/100 ok 45 failed 5 25.0 msg/s ETA 2.0s${ESC}[K`,
    );
    now = 2050; // under 100 ms later: not redrawn
    reporter.update({ accepted: 46, failed: 5 });
    expect(writes).toHaveLength(1);
    now = 4000;
    reporter.finish({ accepted: 95, failed: 5 });
    expect(writes.slice(-2)).toEqual([
      expect.stringMatching(/100% 100\/100 ok 95 failed 5 25\.0 msg\/s 4\.0s/),
      '\n',
    ]);
  });

  it('logs a progress event at most once per interval when not on a TTY, and one at the end', () => {
    let now = 0;
    const logger = recordingLogger();
    const reporter = new ProgressReporter({
      total: 10,
      stream: { write: () => undefined },
      logger,
      now: () => now,
      lineIntervalMs: 1000,
    });
    now = 500;
    reporter.update({ accepted: 1, failed: 0 });
    now = 900;
    reporter.update({ accepted: 2, failed: 0 });
    now = 1500;
    reporter.update({ accepted: 3, failed: 0 });
    now = 2000;
    reporter.finish({ accepted: 9, failed: 1 });
    expect(logger.entries.map(([, fields]) => fields?.done)).toEqual([1, 3, 10]);
    expect(logger.entries.at(-1)).toEqual([
      'progress',
      { done: 10, total: 10, accepted: 9, failed: 1, ratePerSecond: 5, etaSeconds: 0 },
    ]);
  });
});
