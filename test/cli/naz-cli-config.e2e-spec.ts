import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ensureCliBuilt } from './support/build-cli.js';
import { removeTempDirs, runCli, tempDir, writeFile } from './support/cli-process.js';

const FIXTURES = join(process.cwd(), 'test/cli/fixtures');
const SECRET = 'pw4cli';
const env = { SMPP_PASSWORD: SECRET };
const base = { host: '127.0.0.1', port: 2775, systemId: 'cli', password: '${SMPP_PASSWORD}' };

describe('naz-cli: help, version, dry run and configuration errors (real bin, no SMSC)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureCliBuilt();
    dir = tempDir();
    copyFileSync(join(FIXTURES, 'file-queue.mjs'), join(dir, 'file-queue.mjs'));
    writeFile(dir, 'messages.jsonl', '{"to":"254700000001","text":"hi","correlationId":"m1"}\n');
  }, 120_000);
  afterAll(removeTempDirs);

  it('prints the version from package.json and help with the exit codes', async () => {
    const version = await runCli(['--version'], { cwd: dir });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('naz-cli send  --config client.json --file batch.csv');
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*3 {2}configuration error[\s\S]*5 {2}could not connect or bind[\s\S]*6 {2}one or more messages failed/,
    );
  });

  it('dry-runs a good JSON config: exit 0, a summary event, the password never printed', async () => {
    const config = writeFile(dir, 'good.json', {
      ...base,
      rateLimit: { perSecond: 50 },
      logMetadata: { app: 'billing' },
    });
    const result = await runCli(['--config', config, '--dry-run'], { cwd: dir, env });
    expect(result.code).toBe(0);
    const event = result.events.find((e) => e.msg.startsWith('dry run'));
    expect(event).toMatchObject({
      host: '127.0.0.1',
      port: 2775,
      systemId: 'cli',
      rateLimitPerSecond: 50,
      queue: 'memory (capacity 100000)',
      app: 'billing',
    });
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('dry-runs a YAML config with a custom queue class and a batch file', async () => {
    const config = writeFile(
      dir,
      'custom.yaml',
      'host: 127.0.0.1\nport: 2775\nsystemId: cli\npassword: ${SMPP_PASSWORD}\nqueue:\n  module: ./file-queue.mjs\n  export: FileQueue\n',
    );
    const result = await runCli(['run', '-c', config, '--dry-run', '--input', 'messages.jsonl'], {
      cwd: dir,
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.events.at(-1)).toMatchObject({
      queue: './file-queue.mjs#FileQueue (class, not constructed in dry run)',
      messages: 1,
    });
  });

  it('dry-runs a RabbitMQ queue without connecting, the URL password hidden', async () => {
    const config = writeFile(dir, 'rabbit.json', {
      ...base,
      queue: { type: 'rabbitmq', url: 'amqp://naz:${AMQP_PASSWORD}@127.0.0.1:1/', queue: 'sms.out' },
    });
    const result = await runCli(['-c', config, '--dry-run'], {
      cwd: dir,
      env: { ...env, AMQP_PASSWORD: 'rabbit-secret' },
    });
    expect(result.code).toBe(0);
    expect(result.events.at(-1)).toMatchObject({ queue: 'rabbitmq (amqp://naz:***@127.0.0.1:1/)' });
    expect(result.stdout + result.stderr).not.toContain('rabbit-secret');
  });

  it.concurrent.each([
    [
      'an option rule',
      { ...base, rateLimit: { perSecond: 0 } },
      'bad.json: rateLimit.perSecond must be > 0, got 0',
    ],
    ['a typo in a key', { ...base, windowsize: 5 }, 'windowsize'],
    ['a wrong type', { ...base, port: '2775' }, 'port'],
    [
      'a missing module',
      { ...base, queue: { module: './nowhere.mjs', export: 'Q' } },
      'queue.module: module "./nowhere.mjs" not found',
    ],
    [
      'a missing export',
      { ...base, queue: './file-queue.mjs#Missing' },
      'queue.export: "./file-queue.mjs" has no export "Missing" (its exports: FileQueue, NotAQueue)',
    ],
    [
      'a class that is not a queue',
      { ...base, queue: { module: './file-queue.mjs', export: 'NotAQueue' } },
      'queue.export: class "NotAQueue" of "./file-queue.mjs" does not implement OutboundQueue: missing receive()',
    ],
    [
      'an unknown queue type',
      { ...base, queue: { type: 'kafka' } },
      'queue.type must be one of memory, redis, rabbitmq',
    ],
  ])('rejects %s with exit code 3 and a message naming the key', async (label, content, text) => {
    const sub = tempDir();
    copyFileSync(join(FIXTURES, 'file-queue.mjs'), join(sub, 'file-queue.mjs'));
    writeFile(sub, 'bad.json', content);
    void label;
    const result = await runCli(['--config', 'bad.json', '--dry-run'], { cwd: sub, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain(SECRET);
  });

  it('names a missing environment variable and where it is used', async () => {
    const config = writeFile(dir, 'env.json', base);
    const result = await runCli(['-c', config, '--dry-run'], { cwd: dir, env: {} });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'naz-cli: env.json: environment variable SMPP_PASSWORD is not set (used by password)\n',
    );
  });

  it('never prints a password that breaks a rule', async () => {
    const config = writeFile(dir, 'long.json', base);
    const result = await runCli(['-c', config, '--dry-run'], {
      cwd: dir,
      env: { SMPP_PASSWORD: 'much-too-long-secret' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('password');
    expect(result.stderr).not.toContain('much-too-long-secret');
  });

  it('reports a malformed CSV with its line, exit code 4, before connecting', async () => {
    const config = writeFile(dir, 'ok.json', base);
    writeFile(dir, 'broken.csv', 'to,text\n254700000001,"unclosed\n');
    const result = await runCli(['send', '-c', config, '--file', 'broken.csv', '--dry-run'], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('broken.csv line 2: quoted field is never closed');
  });

  it('reports an invalid message in a batch by line (exit code 4)', async () => {
    const config = writeFile(dir, 'ok.json', base);
    writeFile(dir, 'long-to.csv', 'to,text\n254700000001,ok\n2547000000012345678901234,too long\n');
    const result = await runCli(['send', '-c', config, '--file', 'long-to.csv', '--dry-run'], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /long-to\.csv line 3: destination_addr "2547000000012345678901234" is 25 characters/,
    );
  });

  it('rejects a bad command line with exit code 2', async () => {
    const result = await runCli(['send', '--config', 'ok.json', '--to', '1'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('send needs --to <number> and --text <text>, or --file <batch.csv>');
  });
});
