import { describe, expect, it } from '@jest/globals';

import { MissingEnvVariableError, substituteEnv } from './substitute-env.js';

describe('substituteEnv', () => {
  const env = { SMPP_PASSWORD: 's3cret', HOST: 'smsc.example', EMPTY: '' };

  it('replaces ${NAME} in any string at any depth, leaving other values alone', () => {
    expect(
      substituteEnv(
        { password: '${SMPP_PASSWORD}', url: 'redis://${HOST}:6379', port: 2775, list: ['${HOST}'] },
        env,
      ),
    ).toEqual({ password: 's3cret', url: 'redis://smsc.example:6379', port: 2775, list: ['smsc.example'] });
  });

  it('uses ${NAME:-default} when the variable is unset, and an empty variable as set', () => {
    expect(substituteEnv({ a: '${NOPE:-fallback}', b: '${EMPTY:-x}' }, env)).toEqual({
      a: 'fallback',
      b: '',
    });
  });

  it('reads $${ as a literal ${', () => {
    expect(substituteEnv({ a: 'cost $${HOST}' }, env)).toEqual({ a: 'cost ${HOST}' });
  });

  it('names the missing variable and the key path that uses it', () => {
    const call = () => substituteEnv({ queue: { options: { urls: ['${REDIS_URL}'] } } }, env);
    expect(call).toThrow(MissingEnvVariableError);
    expect(call).toThrow('environment variable REDIS_URL is not set (used by queue.options.urls[0])');
  });

  it('rejects malformed placeholders', () => {
    expect(() => substituteEnv({ a: '${}' }, env)).toThrow(/a: "\$\{\}" is not a valid placeholder/);
    expect(() => substituteEnv({ a: '${OPEN' }, env)).toThrow(/is not a valid placeholder/);
  });
});
