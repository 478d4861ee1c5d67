import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { ensureCliBuilt } from './support/build-cli.js';
import { runCli, tempDir, writeFile } from './support/cli-process.js';

/** A port nothing listens on: listened on (port 0), read back, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** `secret` standing as a whole token in `text`: quoted, after `=` or `:`, between spaces. */
function leaksAsToken(text: string, secret: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s"'=:,;(\\[{<>])${escaped}(?:$|[\\s"',;)\\]}<>]|[.:!?](?:\\s|$))`).test(text);
}

describe('naz-cli: short passwords are masked without garbling other text (real bin)', () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    await ensureCliBuilt();
    dir = tempDir();
    mkdirSync(join(dir, 'configs'));
    port = await deadPort();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (password: string, extra: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port,
    systemId: 'cli',
    password,
    ...extra,
  });

  it.each(['y', 'o'])(
    'password %p: a config typo reads "did you mean windowSize?" and the config path stays whole',
    async (password) => {
      writeFile(join(dir, 'configs'), 'bad-queue.json', config(password, { windowsize: 5 }));
      const path = join(dir, 'configs', 'bad-queue.json');
      const result = await runCli(['send', '-c', path, '--to', '254700000001', '--text', 'x'], { cwd: dir });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        `naz-cli: ${path}: unknown option windowsize; did you mean windowSize?`,
      );
      expect(result.stderr).not.toContain('***');
    },
  );

  it.each(['b', 'ba'])('password %p: a missing input file is named by its whole path', async (password) => {
    writeFile(dir, 'ok.json', config(password));
    const input = join(dir, 'configs', 'bad-queue.jsonl');
    const result = await runCli(['send', '-c', 'ok.json', '--file', input], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(input);
    expect(result.stderr).not.toContain('***');
  });

  it('password equal to the SMSC port: the error still names 127.0.0.1:<port>', async () => {
    writeFile(dir, 'dead.json', config(String(port), { reconnect: { maxAttempts: 1 } }));
    const result = await runCli(['send', '-c', 'dead.json', '--to', '254700000001', '--text', 'x'], {
      cwd: dir,
    });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`could not bind to 127.0.0.1:${port} as "cli"`);
    expect(result.stderr).toContain(`cannot connect to SMSC 127.0.0.1:${port}: connection refused`);
    expect(result.stdout).toContain(`127.0.0.1:${port}`);
    expect(result.stdout + result.stderr).not.toContain('127.0.0.1:***');
  });

  it.each(['y', 'k9z', 'hunter2'])(
    'password %p in a config that is not valid JSON never reaches stderr',
    async (password) => {
      // V8's message quotes the ten characters before the bad token: here, the password.
      writeFile(dir, 'broken.json', `{"password":["${password}",x]}`);
      const result = await runCli(['send', '-c', 'broken.json', '--to', '254700000001', '--text', 'x'], {
        cwd: dir,
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/^naz-cli: broken\.json: invalid JSON/);
      expect(leaksAsToken(result.stderr, password)).toBe(false);
      expect(leaksAsToken(result.stdout, password)).toBe(false);
    },
  );
});
