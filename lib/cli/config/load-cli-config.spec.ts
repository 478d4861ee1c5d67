import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';

import { ConfigError } from '../errors/config-error.js';
import { loadCliConfig } from './load-cli-config.js';

const dir = mkdtempSync(join(tmpdir(), 'naz-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown): string => {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
};
const base = { host: '127.0.0.1', port: 2775, systemId: 'smppclient1', password: '${SMPP_PASSWORD}' };
const load = (name: string, env: NodeJS.ProcessEnv = { SMPP_PASSWORD: 'pw123456' }) =>
  loadCliConfig(name, { env, cwd: dir });
const failure = async (name: string, env?: NodeJS.ProcessEnv): Promise<ConfigError> => {
  try {
    await load(name, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('loadCliConfig', () => {
  it('loads JSON, substitutes the environment, splits the CLI keys and resolves defaults', async () => {
    const config = await load(write('good.json', { ...base, queue: 'memory', rateLimit: { perSecond: 5 } }));
    expect(config.client).toEqual({ ...base, password: 'pw123456', rateLimit: { perSecond: 5 } });
    expect(config.queue).toEqual({ type: 'memory' });
    expect(config.resolved.windowSize).toBe(10);
    expect(config.dir).toBe(dir);
    expect(config.secrets).toContain('pw123456');
  });

  it('loads YAML', async () => {
    const config = await load(
      write(
        'good.yaml',
        'host: 127.0.0.1\nport: 2775\nsystemId: a\npassword: b\nqueue:\n  type: memory\n  capacity: 5\n',
      ),
    );
    expect(config.queue).toEqual({ type: 'memory', capacity: 5 });
  });

  it('names the option path and the rule, from the engine validator', async () => {
    const error = await failure(write('rate.json', { ...base, rateLimit: { perSecond: 0 } }));
    expect(error.message).toBe('rate.json: rateLimit.perSecond must be > 0, got 0');
    expect(error.path).toBe('rateLimit.perSecond');
  });

  it('reports a missing environment variable by name and path', async () => {
    const error = await failure(write('env.json', base), {});
    expect(error.message).toBe('env.json: environment variable SMPP_PASSWORD is not set (used by password)');
  });

  it('never echoes a password in an error', async () => {
    const error = await failure(write('long.json', base), { SMPP_PASSWORD: 'far-too-long-secret' });
    expect(error.path).toBe('password');
    expect(error.message).not.toContain('far-too-long-secret');
  });

  it('names a bad queue key', async () => {
    const error = await failure(write('queue.json', { ...base, queue: { type: 'kafka' } }));
    expect(error.message).toMatch(/^queue\.json: queue\.type must be one of memory, redis, rabbitmq/);
  });

  it('reports unparsable JSON with line and column, and a missing file', async () => {
    const error = await failure(write('broken.json', '{\n  "host": "x",\n  "port": ,\n}'));
    expect(error.message).toMatch(/^broken\.json: invalid JSON/);
    const yaml = await failure(write('broken.yaml', 'host: x\nport: [1\n'));
    expect(yaml.message).toMatch(/^broken\.yaml: invalid YAML at line \d+, column \d+/);
    expect((await failure('absent.json')).message).toBe('absent.json: config file not found');
  });

  it('rejects a config that is not an object', async () => {
    expect((await failure(write('array.json', '[1]'))).message).toMatch(
      /must be an object of client options, got an array/,
    );
  });
});
