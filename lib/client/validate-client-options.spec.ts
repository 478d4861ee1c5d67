import { inspect } from 'node:util';
import { describe, it, expect } from '@jest/globals';
import { validateClientOptions } from './validate-client-options.js';
import { InvalidOptionsError } from './errors/invalid-options.error.js';

const base = { host: 'smsc.example', port: 2775, systemId: 'esme1', password: 'pw123456' };

function errorOf(options: unknown): InvalidOptionsError {
  try {
    validateClientOptions(options);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidOptionsError);
    return e as InvalidOptionsError;
  }
  throw new Error('expected InvalidOptionsError');
}

describe('validateClientOptions', () => {
  it('fills every default', () => {
    const o = validateClientOptions(base);
    expect(o).toMatchObject({
      name: 'default',
      bindMode: 'transceiver',
      interfaceVersion: 0x34,
      sessions: 1,
      windowSize: 10,
      tls: false,
      rateLimit: undefined,
      reconnect: {
        initialDelayMs: 500,
        maxDelayMs: 30_000,
        multiplier: 2,
        jitter: 0.2,
        maxAttempts: Infinity,
      },
      retry: { maxAttempts: 5, transientStatuses: ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR'] },
      defaults: { registeredDelivery: 1, longMessage: 'udh8', maxParts: 10 },
      correlation: { ttlMs: 86_400_000, maxEntries: 1_000_000 },
      inboundErrorStatus: 0x64,
      congestionControl: false,
    });
    expect([...o.retry.transientStatusCodes]).toEqual([0x58, 0x14, 0x08]);
    expect(o.correlation.normalizeMessageId('00AB12')).toBe('ab12');
  });

  it.each(
    (
      [
        [
          { ...base, rateLimit: { perSecond: 0 } },
          'rateLimit.perSecond',
          'rateLimit.perSecond must be > 0, got 0',
        ],
        [{ ...base, windowSize: 0 }, 'windowSize', 'windowSize must be an integer ≥ 1, got 0'],
        [{ ...base, windowSize: 2.5 }, 'windowSize', 'windowSize must be an integer, got 2.5'],
        [{ ...base, host: undefined }, 'host', 'host is required'],
        [{ ...base, port: 70000 }, 'port', 'port must be an integer ≤ 65535, got 70000'],
        [
          { ...base, systemId: 'a-very-long-system-id' },
          'systemId',
          'systemId must be at most 15 characters (SMPP 3.4 §4.1.1), got 21',
        ],
        [
          { ...base, bindMode: 'tx' },
          'bindMode',
          "bindMode must be one of 'transmitter', 'receiver', 'transceiver', got \"tx\"",
        ],
        [
          { ...base, reconnect: { jitter: 2 } },
          'reconnect.jitter',
          'reconnect.jitter must be a number ≤ 1, got 2',
        ],
        [
          { ...base, retry: { transientStatuses: ['ESME_RTHROTLED'] } },
          'retry.transientStatuses[0]',
          'retry.transientStatuses[0] must be a command_status name',
        ],
        [
          { ...base, reconnect: { initialDelayMs: 1000, maxDelayMs: 10 } },
          'reconnect.maxDelayMs',
          'reconnect.maxDelayMs must be a number ≥ 1000, got 10',
        ],
      ] as Array<[unknown, string, string]>
    ).map(([options, path, message]) => ({ options, path, message })),
  )('rejects a bad $path', ({ options, path, message }) => {
    const e = errorOf(options);
    expect(e.path).toBe(path);
    expect(e.message).toContain(message);
  });

  it('names the password rule and never echoes the password', () => {
    const e = errorOf({ ...base, password: 'topsecret99' });
    expect(e.message).toBe('password must be at most 8 characters (SMPP 3.4 §4.1.1)');
    expect(e.message).not.toContain('topsecret99');
    expect(errorOf({ ...base, password: undefined }).message).toBe('password is required');
  });

  it('keeps the password readable for the bind but out of JSON, spreads and inspect', () => {
    const resolved = validateClientOptions(base);
    expect(resolved.password).toBe('pw123456');
    expect(JSON.stringify(resolved)).not.toContain('pw123456');
    expect(JSON.stringify({ ...resolved })).not.toContain('pw123456');
    expect(inspect(resolved, { depth: 5 })).not.toContain('pw123456');
  });

  it('catches typos in option names, with a suggestion', () => {
    expect(errorOf({ ...base, windowsize: 5 }).message).toBe(
      'unknown option windowsize; did you mean windowSize?',
    );
    expect(errorOf({ ...base, rateLimit: { perSecnd: 5 } }).message).toBe(
      'unknown option rateLimit.perSecnd; did you mean rateLimit.perSecond?',
    );
    expect(errorOf({ ...base, zzz: 1 }).message).toContain('unknown option zzz; known options here:');
  });

  it("says where a naz-cli config's queue goes when the file is reused as client options", () => {
    const error = errorOf({ ...base, queue: { type: 'redis', url: 'redis://localhost' } });
    expect(error.message).toMatch(/^unknown option queue: queue is a naz-cli setting; .*NAZ_OUTBOUND_QUEUE/);
  });

  it('accepts a rate limit, TLS and message defaults', () => {
    const o = validateClientOptions({
      ...base,
      tls: { rejectUnauthorized: false, servername: 'smsc' },
      rateLimit: { perSecond: 50 },
      defaults: { registeredDelivery: false, from: 'ACME' },
      retry: { transientStatuses: ['ESME_RTHROTTLED', '0x00000400'] },
    });
    expect(o.tls).toEqual({ rejectUnauthorized: false, servername: 'smsc' });
    expect(o.rateLimit).toEqual({ perSecond: 50, burst: 50 });
    expect(o.defaults).toMatchObject({ registeredDelivery: 0, from: 'ACME' });
    expect(o.retry.transientStatusCodes.has(0x400)).toBe(true);
  });

  it('rejects something that is not an object', () => {
    expect(errorOf(null).message).toBe('client options must be an object, got null');
  });
});
