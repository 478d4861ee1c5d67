import { describe, expect, it } from '@jest/globals';

import { UsageError } from '../errors/usage-error.js';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it('runs by default, like the Python naz-cli', () => {
    expect(parseCliArgs(['--config', 'c.json'])).toEqual({
      command: 'run',
      config: 'c.json',
      logLevel: undefined,
      pretty: undefined,
      dryRun: false,
      input: undefined,
      spill: undefined,
    });
  });

  it('reads a single send with durations', () => {
    const args = parseCliArgs([
      'send',
      '-c',
      'c.yaml',
      '--to',
      '2547',
      '--text',
      'hi',
      '--receipt-timeout',
      '500ms',
      '--json',
    ]);
    expect(args).toMatchObject({
      command: 'send',
      message: { to: '2547', text: 'hi' },
      receiptTimeoutMs: 500,
      bindTimeoutMs: 30_000,
      waitForReceipt: true,
      pretty: false,
    });
  });

  it('reads a batch send and --no-wait', () => {
    expect(parseCliArgs(['send', '-c', 'c.json', '--file', 'b.csv', '--no-wait'])).toMatchObject({
      command: 'send',
      file: 'b.csv',
      message: undefined,
      waitForReceipt: false,
    });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help', topic: undefined });
    expect(parseCliArgs(['send', '-h'])).toEqual({ command: 'help', topic: 'send' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
  });

  it.each([
    [['send', '--to', '1', '--text', 'x'], '--config <file> is required'],
    [['frobnicate', '-c', 'c'], 'unknown command "frobnicate"'],
    [['run', '-c', 'c', '--to', '1'], '--to is not an option of "run"'],
    [['send', '-c', 'c', '--to', '1'], 'send needs --to <number> and --text <text>'],
    [['send', '-c', 'c', '--file', 'b.csv', '--to', '1'], 'use either --file or --to/--text'],
    [['-c', 'c', '--log-level', 'loud'], '--log-level must be one of debug, info, warn, error, got "loud"'],
    [['send', '-c', 'c', '--file', 'f', '--receipt-timeout', 'soon'], '--receipt-timeout must be a duration'],
    [['-c', 'c', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with a UsageError', (argv, text) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(text);
  });
});
