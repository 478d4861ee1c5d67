import { describe, it, expect, afterEach, jest } from '@jest/globals';
import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
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

afterEach(() => {
  Logger.overrideLogger(true);
  jest.restoreAllMocks();
});

describe('NestLoggerAdapter (default NAZ_LOGGER)', () => {
  it('writes the fields into the message as key=value pairs, with its context, secrets redacted', () => {
    const capture = new Capture();
    Logger.overrideLogger(capture);
    new NestLoggerAdapter('Naz:alpha').info('session bound', {
      systemId: 'acme',
      password: 'hunter22',
      window: 10,
      reason: 'connection reset',
      peer: { host: '127.0.0.1', port: 2775 },
      unset: undefined,
    });
    expect(capture.lines).toEqual([
      [
        'log',
        'session bound systemId=acme password=*** window=10 reason="connection reset" ' +
          'peer={"host":"127.0.0.1","port":2775}',
        'Naz:alpha',
      ],
    ]);
  });

  it('passes a message without fields unchanged', () => {
    const capture = new Capture();
    Logger.overrideLogger(capture);
    new NestLoggerAdapter().warn('queue full', {});
    expect(capture.lines).toEqual([['warn', 'queue full', 'Naz']]);
  });

  it("prints one line per entry through Nest's ConsoleLogger", () => {
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    Logger.overrideLogger(new ConsoleLogger({ colors: false }));
    new NestLoggerAdapter('Naz').info('client starting', { host: '127.0.0.1', port: 2775 });
    const output = written.join('');
    expect(output.trimEnd().split('\n')).toHaveLength(1);
    expect(output).toContain('[Naz] client starting host=127.0.0.1 port=2775');
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
