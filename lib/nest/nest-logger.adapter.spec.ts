import { describe, it, expect, afterEach } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { NestLoggerAdapter } from './nest-logger.adapter.js';

/** Captures what reaches Nest's logger. */
class Capture implements LoggerService {
  readonly lines: unknown[][] = [];
  log(...args: unknown[]) {
    this.lines.push(['log', ...args]);
  }
  warn(...args: unknown[]) {
    this.lines.push(['warn', ...args]);
  }
  error(...args: unknown[]) {
    this.lines.push(['error', ...args]);
  }
  debug(...args: unknown[]) {
    this.lines.push(['debug', ...args]);
  }
}

afterEach(() => Logger.overrideLogger(true));

describe('NestLoggerAdapter (default NAZ_LOGGER)', () => {
  it('forwards the message and the fields as a structured param, with its context, secrets redacted', () => {
    const capture = new Capture();
    Logger.overrideLogger(capture);
    new NestLoggerAdapter('Naz:alpha').info('session bound', { systemId: 'acme', password: 'hunter22' });
    expect(capture.lines).toEqual([
      ['log', 'session bound', { systemId: 'acme', password: '***' }, 'Naz:alpha'],
    ]);
  });

  it('drops entries below the client logLevel', () => {
    const capture = new Capture();
    Logger.overrideLogger(capture);
    const logger = new NestLoggerAdapter('Naz', 'warn');
    logger.debug('noise');
    logger.info('still noise');
    logger.warn('kept');
    expect(capture.lines.map((l) => l[1])).toEqual(['kept']);
    expect(logger.isDebugEnabled()).toBe(false);
  });
});
