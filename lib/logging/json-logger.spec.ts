import { describe, it, expect } from '@jest/globals';
import { JsonLogger } from './json-logger.js';
import { SafeLogger } from './safe-logger.js';
import { redactSecrets } from './redact-secrets.js';
import type { NazLogger } from './naz-logger.interface.js';

function capture(): { lines: string[]; sink: { write(line: string): void } } {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => void lines.push(line) } };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with time, level, msg, metadata and fields', () => {
    const { lines, sink } = capture();
    const log = new JsonLogger({ sink, metadata: { app: 'billing' }, now: () => new Date(0) });
    log.info('bound', { systemId: 'esme1' });
    expect(JSON.parse(lines[0])).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'bound',
      app: 'billing',
      systemId: 'esme1',
    });
    expect(lines[0].endsWith('\n')).toBe(true);
  });

  it('drops entries below its level', () => {
    const { lines, sink } = capture();
    const log = new JsonLogger({ sink, level: 'warn' });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
    expect(log.isDebugEnabled()).toBe(false);
  });

  it('never writes a password, at any depth, nor a known secret value inside a string', () => {
    const { lines, sink } = capture();
    const log = new JsonLogger({ sink, secretValues: ['s3cr3tpw'] });
    log.error('bind failed', {
      options: { host: 'h', password: 's3cr3tpw', tls: { key: 'PEM' } },
      error: new Error('rejected bind for password s3cr3tpw'),
    });
    expect(lines[0]).not.toContain('s3cr3tpw');
    expect(lines[0]).not.toContain('PEM');
    expect(JSON.parse(lines[0]).error).toMatchObject({
      name: 'Error',
      message: 'rejected bind for password ***',
    });
  });
});

describe('redactSecrets', () => {
  it('masks secret keys, keeps the rest, and turns Buffers into hex', () => {
    expect(redactSecrets({ password: 'x', apiKey: 'k', host: 'h', bytes: Buffer.from([1, 2]) })).toEqual({
      password: '***',
      apiKey: '***',
      host: 'h',
      bytes: '0102',
    });
  });

  it('survives circular structures', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    expect(redactSecrets(a)).toEqual({ n: 1, self: '[circular]' });
  });
});

describe('SafeLogger', () => {
  it('merges metadata, redacts, and swallows a throwing logger', () => {
    const seen: Array<[string, Record<string, unknown> | undefined]> = [];
    const inner: NazLogger = {
      debug: () => undefined,
      info: (m, f) => void seen.push([m, f]),
      warn: () => {
        throw new Error('logger bug');
      },
      error: () => undefined,
    };
    const log = new SafeLogger(inner, { metadata: { client: 'default' }, secretValues: ['hunter22'] });
    log.info('options hunter22', { password: 'hunter22', port: 2775 });
    expect(seen).toEqual([['options ***', { client: 'default', password: '***', port: 2775 }]]);
    expect(() => log.warn('x')).not.toThrow();
  });
});
