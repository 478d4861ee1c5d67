import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { SmscSimulator } from '../../lib/simulator/index.js';
import { ensureCliBuilt } from './support/build-cli.js';
import { removeTempDirs, spawnCli, tempDir, writeFile } from './support/cli-process.js';

const SECRET = 'pw4cli';
const env = { SMPP_PASSWORD: SECRET };
const linesOf = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('naz-cli run against the SMSC simulator (real bin)', () => {
  let sim: SmscSimulator;
  const config = (extra: Record<string, unknown>) => ({
    host: '127.0.0.1',
    port: sim.port,
    systemId: 'cli',
    password: '${SMPP_PASSWORD}',
    defaults: { from: 'NAZ', registeredDelivery: false },
    // Slow enough that SIGTERM lands mid-way.
    rateLimit: { perSecond: 40, burst: 1 },
    ...extra,
  });

  beforeAll(async () => {
    await ensureCliBuilt();
    sim = await SmscSimulator.start({
      port: 0,
      credentials: [{ system_id: 'cli', password: SECRET }],
      receipts: { enabled: false },
    });
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
    removeTempDirs();
  });

  it('consumes a custom queue class loaded from a path, and drains on SIGTERM with nothing lost', async () => {
    const dir = tempDir();
    copyFileSync(join(process.cwd(), 'test/cli/fixtures/file-queue.mjs'), join(dir, 'file-queue.mjs'));
    const ids = Array.from({ length: 200 }, (_, i) => `q-${i + 1}`);
    writeFile(
      dir,
      'pending.jsonl',
      ids
        .map((id, i) =>
          JSON.stringify({ correlationId: id, to: `2547${String(i).padStart(8, '0')}`, text: `msg ${id}` }),
        )
        .join('\n'),
    );
    writeFile(
      dir,
      'run.json',
      config({
        queue: {
          module: './file-queue.mjs',
          export: 'FileQueue',
          options: { file: 'pending.jsonl', ackFile: 'acked.txt', remainingFile: 'remaining.jsonl' },
        },
      }),
    );
    const acceptedBefore = sim.stats().submitsAccepted;

    const cli = spawnCli(['run', '--config', 'run.json'], { cwd: dir, env });
    await cli.waitForEvent((e) => e.msg === 'running');
    // Let some go through, then ask it to stop while messages are in flight and waiting.
    await cli.waitForEvent(() => cli.events.filter((e) => e.msg === 'submitted').length >= 20);
    cli.child.kill('SIGTERM');
    const result = await cli.done;

    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const acked = linesOf(join(dir, 'acked.txt'));
    const remaining = linesOf(join(dir, 'remaining.jsonl')).map(
      (line) => (JSON.parse(line) as { correlationId: string }).correlationId,
    );
    // Every message is either acknowledged (the SMSC accepted it) or still in the queue, never both, never neither.
    expect(new Set([...acked, ...remaining]).size).toBe(acked.length + remaining.length);
    expect([...acked, ...remaining].sort()).toEqual([...ids].sort());
    expect(remaining.length).toBeGreaterThan(0);
    expect(sim.stats().submitsAccepted - acceptedBefore).toBe(acked.length);
    const submittedIds = result.events.filter((e) => e.msg === 'submitted').map((e) => e.correlationId);
    expect(submittedIds.sort()).toEqual([...acked].sort());
    expect(result.events.find((e) => e.msg === 'stopped')).toMatchObject({
      signal: 'SIGTERM',
      accepted: acked.length,
      failed: 0,
    });
  });

  it('feeds the in-memory queue from stdin and spills what is left at SIGTERM to a file', async () => {
    const dir = tempDir();
    writeFile(dir, 'run.json', config({ queue: 'memory' }));
    const ids = Array.from({ length: 60 }, (_, i) => `s-${i + 1}`);
    const cli = spawnCli(['run', '-c', 'run.json', '--input', '-', '--spill', 'unsent.jsonl'], {
      cwd: dir,
      env,
    });
    await cli.waitForEvent((e) => e.msg === 'running');
    cli.child.stdin.write(
      ids.map((id) => JSON.stringify({ correlationId: id, to: '254700000001', text: id })).join('\n') + '\n',
    );
    cli.child.stdin.write('this is not json\n');
    await cli.waitForEvent((e) => e.msg === 'invalid input line');
    await cli.waitForEvent(() => cli.events.filter((e) => e.msg === 'submitted').length >= 10);
    cli.child.kill('SIGTERM');
    const result = await cli.done;

    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.events.find((e) => e.msg === 'invalid input line')).toMatchObject({
      line: 61,
      rule: expect.stringContaining('stdin line 61: not JSON'),
    });
    const submitted = result.events
      .filter((e) => e.msg === 'submitted')
      .map((e) => e.correlationId as string);
    const spilled = linesOf(join(dir, 'unsent.jsonl')).map(
      (line) => (JSON.parse(line) as { correlationId: string; v: number }).correlationId,
    );
    expect(spilled.length).toBeGreaterThan(0);
    expect([...submitted, ...spilled].sort()).toEqual([...ids].sort());
    expect(result.events.find((e) => e.msg === 'stopped')).toMatchObject({
      inputSent: 60,
      inputRejected: 1,
      spilled: spilled.length,
      accepted: submitted.length,
    });
  });

  it('ends with exit code 5 once the client gives up reconnecting (reconnect.maxAttempts)', async () => {
    const dir = tempDir();
    writeFile(dir, 'run.json', config({ reconnect: { maxAttempts: 2, initialDelayMs: 50 } }));
    const result = await spawnCli(['run', '-c', 'run.json', '--input', '-'], {
      cwd: dir,
      env: { SMPP_PASSWORD: 'wrong' },
    }).done;
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /could not stay bound to 127\.0\.0\.1:\d+ as "cli": .*ESME_RINVPASWD.*giving up after 2 attempts/,
    );
    expect(result.events.map((e) => e.msg)).toEqual(
      expect.arrayContaining(['the client gave up reconnecting; stopping', 'stopped']),
    );
  });
});
