import { describe, expect, it } from '@jest/globals';
import { InvalidOptionsError } from '../client/errors/invalid-options.error.js';
import { validateClientOptions } from '../client/validate-client-options.js';
import { resolveSessionOptions } from './resolve-session-options.js';
import {
  MAX_WINDOW_SIZE,
  pickSessionOptions,
  RULED_SESSION_OPTIONS,
  SESSION_DEFAULTS,
  SESSION_OPTION_RULES,
} from './session-option-rules.js';

const base = { host: '127.0.0.1', port: 2775, systemId: 'acme', password: 'pw123456' };

describe('session options: one table for the session and the client', () => {
  it('takes the bind string limits from the PDU schema table (C-Octet maxima minus the NUL)', () => {
    const maxOf = (key: keyof typeof SESSION_OPTION_RULES) => {
      const rule = SESSION_OPTION_RULES[key].rule;
      return rule.kind === 'string' ? rule.maxLength : undefined;
    };
    expect([maxOf('systemId'), maxOf('password'), maxOf('systemType'), maxOf('addressRange')]).toEqual([
      15, 8, 12, 40,
    ]);
  });

  it('gives the session and the client the same defaults', () => {
    const session = resolveSessionOptions(base);
    const client = validateClientOptions(base);
    for (const key of RULED_SESSION_OPTIONS) {
      expect([key, client[key]]).toEqual([key, session[key]]);
      if (SESSION_OPTION_RULES[key].default !== undefined) {
        expect([key, SESSION_DEFAULTS[key]]).toEqual([key, SESSION_OPTION_RULES[key].default]);
      }
    }
  });

  it.each([
    ['windowSize', MAX_WINDOW_SIZE + 1],
    ['windowSize', 0],
    ['port', 70_000],
    ['responseTimeoutMs', 0x80000000],
    ['maxCommandLength', 8],
    ['systemId', 'a-very-long-system-id'],
    ['bindMode', 'tx'],
  ] as const)('both refuse %s = %p', (key, value) => {
    const options = { ...base, [key]: value };
    expect(() => resolveSessionOptions(options as typeof base)).toThrow(RangeError);
    expect(() => validateClientOptions(options)).toThrow(InvalidOptionsError);
  });

  it('builds a session from the client options without naming each field', () => {
    const client = validateClientOptions({ ...base, windowSize: 7, enquireLinkIntervalMs: 1234 });
    const picked = pickSessionOptions(client);
    expect(Object.keys(picked).sort()).toEqual([...RULED_SESSION_OPTIONS].sort());
    // The password is hidden from enumeration on the client options, yet reaches the session.
    expect(picked).toMatchObject({ windowSize: 7, enquireLinkIntervalMs: 1234, password: 'pw123456' });
  });
});
