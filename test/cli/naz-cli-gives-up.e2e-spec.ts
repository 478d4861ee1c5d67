import { beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';

import { ensureCliBuilt } from './support/build-cli.js';
import { runCli, tempDir, writeFile } from './support/cli-process.js';

/** A port nothing listens on: listened on (port 0), read back, then closed, so connecting is refused. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('naz-cli send gives up when the client does (real bin, dead SMSC port)', () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    await ensureCliBuilt();
    dir = tempDir();
    port = await deadPort();
  }, 120_000);

  it('exits 5 once reconnect.maxAttempts is reached, without waiting out --bind-timeout', async () => {
    writeFile(dir, 'dead.json', {
      host: '127.0.0.1',
      port,
      systemId: 'cli',
      password: 'pw',
      reconnect: { maxAttempts: 1, initialDelayMs: 10 },
    });
    // Unfixed, the run waits the whole --bind-timeout, then reports "(gave up after 40s)".
    const result = await runCli(
      ['send', '-c', 'dead.json', '--to', '254700000001', '--text', 'x', '--bind-timeout', '40s'],
      { cwd: dir },
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`could not bind to 127.0.0.1:${port} as "cli"`);
    expect(result.stderr).toMatch(/gave up reconnecting after reconnect\.maxAttempts \(1\)/);
    expect(result.stderr).not.toContain('gave up after 40s');
    expect(result.events.some((e) => /giving up after 1 attempts/.test(e.msg))).toBe(true);
  }, 60_000);
});
