import { describe, expect, it } from '@jest/globals';
import { PARSE_ARGS_OPTIONS } from './naz-smsc-help.js';
import { CliArgumentError, HELP_TEXT, parseCliArgs } from './parse-cli-args.js';

describe('naz-smsc arguments', () => {
  it('defaults to port 2775 on 127.0.0.1 with no faults', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: { port: 2775, receipts: {}, faults: {} },
      logLevel: 'info',
      stdinControl: false,
    });
  });

  it('maps every flag group to simulator options', () => {
    const parsed = parseCliArgs([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--system-id',
      'SMSC1',
      '--credential',
      'esme:se:cret',
      '--credential',
      'b:pw',
      '--message-id-format',
      'hex',
      '--store-capacity',
      '10',
      '--receipts',
      '--receipt-delay',
      '10-200',
      '--receipt-states',
      'DELIVRD=0.9,UNDELIV=0.1',
      '--mo-rate',
      '5',
      '--mo-text',
      'hi',
      '--mo-split',
      'sar',
      '--throttle-every',
      '3',
      '--response-delay',
      '25',
      '--random-drop',
      '100-500',
      '--never-answer-commands',
      'enquire_link',
      '--never-answer-every',
      '2',
      '--malformed-kind',
      'unknown-command',
      '--log-level',
      'debug',
      '--stats-interval',
      '1000',
      '--stdin-control',
    ]);
    expect(parsed).toEqual({
      help: false,
      logLevel: 'debug',
      statsIntervalMs: 1000,
      stdinControl: true,
      options: {
        port: 0,
        host: '0.0.0.0',
        systemId: 'SMSC1',
        credentials: [
          { system_id: 'esme', password: 'se:cret' },
          { system_id: 'b', password: 'pw' },
        ],
        messageIdFormat: 'hex',
        storeCapacity: 10,
        receipts: { delayMs: { min: 10, max: 200 }, states: { DELIVRD: 0.9, UNDELIV: 0.1 } },
        mo: { rate: 5, text: 'hi', split: 'sar' },
        faults: {
          throttleEveryNth: 3,
          responseDelayMs: 25,
          randomDropMs: { min: 100, max: 500 },
          neverAnswerCommands: ['enquire_link'],
          neverAnswerEveryNth: 2,
          malformedKind: 'unknown-command',
        },
      },
    });
  });

  it('sends receipts before submit responses with --receipt-before-response', () => {
    const parsed = parseCliArgs(['--receipt-before-response', '5-20']);
    expect(parsed.help === false && parsed.options.faults).toEqual({
      receiptBeforeResponse: { min: 5, max: 20 },
    });
    expect(HELP_TEXT).toContain('--receipt-before-response ');
  });

  it('turns receipts off with --no-receipts', () => {
    const parsed = parseCliArgs(['--no-receipts']);
    expect(parsed.help === false && parsed.options.receipts).toEqual({ enabled: false });
  });

  it.each([
    [['--port', 'abc'], /--port "abc" must be an integer/],
    [['--throttle-every', '0'], /--throttle-every "0" must be an integer >= 1/],
    [['--receipt-states', 'GONE=1'], /"GONE" is not a receipt state/],
    [['--mo-rate', '1', '--mo-split', 'zip'], /--mo-split "zip" must be one of udh8, udh16, sar, payload/],
    [['--mo-text', 'hi'], /need --mo-rate/],
    [['--response-delay', '9-1'], /minimum is above the maximum/],
    [['--credential', 'nocolon'], /system_id:password/],
    [['--receipts', '--no-receipts'], /contradict/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliArgumentError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('never echoes a password in an error', () => {
    expect(() => parseCliArgs(['--credential', 'topsecret'])).toThrow(/^(?!.*topsecret)/s);
  });

  it('documents every flag in --help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
    const flags = [
      'host',
      'port',
      'system-id',
      'credential',
      'max-command-length',
      'deliver-window',
      'http',
      'http-host',
      'message-id-format',
      'message-id-start',
      'store-capacity',
      'receipts',
      'no-receipts',
      'receipt-delay',
      'receipt-states',
      'mo-rate',
      'mo-count',
      'mo-text',
      'mo-split',
      'mo-source',
      'mo-destination',
      'mo-system-id',
      'throttle-every',
      'throttle-above-rate',
      'queue-full-every',
      'response-delay',
      'never-answer-every',
      'never-answer-commands',
      'drop-after-pdus',
      'random-drop',
      'unbind-after',
      'enquire-link-interval',
      'enquire-link-timeout',
      'malformed-every',
      'malformed-kind',
      'receipt-before-response',
      'log-level',
      'stats-interval',
      'stdin-control',
      'help',
    ];
    for (const flag of flags) expect(HELP_TEXT).toContain(`--${flag} `);
    // The parser's option table is read from the help's flag lines: exactly these flags, no more.
    expect(Object.keys(PARSE_ARGS_OPTIONS).sort()).toEqual([...flags].sort());
    expect(PARSE_ARGS_OPTIONS).toMatchObject({
      port: { type: 'string' },
      receipts: { type: 'boolean' },
      credential: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
  });
});
