import { describe, expect, it } from '@jest/globals';

import { PrettyLogger } from './pretty-logger.js';

describe('PrettyLogger', () => {
  it('writes one readable line per event with metadata and fields, secrets redacted', () => {
    const lines: string[] = [];
    const logger = new PrettyLogger({
      level: 'info',
      sink: { write: (line: string) => lines.push(line) },
      metadata: { app: 'billing' },
      secretValues: ['hunter22'],
      now: () => new Date('2026-01-02T03:04:05.678Z'),
    });
    logger.debug('hidden');
    logger.info('submitted', {
      correlationId: 'c-1',
      messageIds: ['7'],
      password: 'x',
      note: 'pw is hunter22',
    });
    expect(lines).toEqual([
      '03:04:05.678 INFO  submitted app=billing correlationId=c-1 messageIds=["7"] password=*** note="pw is ***"\n',
    ]);
  });
});
