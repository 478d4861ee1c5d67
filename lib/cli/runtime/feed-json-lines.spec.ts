import { PassThrough } from 'node:stream';

import { describe, expect, it } from '@jest/globals';

import { QueueFullError } from '../../queue/queue-full.error.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';
import { feedJsonLines } from './feed-json-lines.js';

function recordingLogger(): NazLogger & { entries: Array<[string, Record<string, unknown> | undefined]> } {
  const entries: Array<[string, Record<string, unknown> | undefined]> = [];
  const log = (message: string, fields?: Record<string, unknown>) => entries.push([message, fields]);
  return { entries, debug: log, info: log, warn: log, error: log };
}

describe('feedJsonLines', () => {
  it('sends each message line, logs and skips bad lines, and waits while the queue is full', async () => {
    const input = new PassThrough();
    const logger = recordingLogger();
    const sent: string[] = [];
    let fullTimes = 2;
    const send = async (message: QueuedMessage) => {
      if (message.correlationId === 'b' && fullTimes-- > 0) throw new QueueFullError(1);
      sent.push(message.correlationId);
    };
    const done = feedJsonLines(input, send, { logger, signal: new AbortController().signal });
    input.end(
      '{"to":"1","text":"x","correlationId":"a"}\n\nnot json\n{"to":"2","text":"y","correlationId":"b"}\n',
    );
    expect(await done).toEqual({ sent: 2, rejected: 1 });
    expect(sent).toEqual(['a', 'b']);
    expect(logger.entries).toEqual([
      [
        'invalid input line',
        { source: 'stdin', line: 3, rule: expect.stringContaining('stdin line 3: not JSON') },
      ],
    ]);
  });

  it('stops reading on abort but still sends the lines already read', async () => {
    const input = new PassThrough();
    const controller = new AbortController();
    const sent: string[] = [];
    const send = async (message: QueuedMessage) => {
      sent.push(message.correlationId);
      if (sent.length === 1) controller.abort();
    };
    const done = feedJsonLines(input, send, { logger: recordingLogger(), signal: controller.signal });
    input.write('{"to":"1","text":"x","correlationId":"a"}\n{"to":"1","text":"x","correlationId":"b"}\n');
    expect(await done).toEqual({ sent: 2, rejected: 0 });
    expect(sent).toEqual(['a', 'b']);
    input.write('{"to":"1","text":"x","correlationId":"c"}\n');
    expect(sent).toEqual(['a', 'b']);
  });
});
