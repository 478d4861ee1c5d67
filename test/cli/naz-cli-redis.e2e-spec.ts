import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { SmscSimulator } from '../../lib/simulator/index.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { ensureCliBuilt } from './support/build-cli.js';
import { removeTempDirs, runCli, spawnCli, tempDir, writeFile } from './support/cli-process.js';

const SECRET = 'pw4cli';
const env = { SMPP_PASSWORD: SECRET };

describe('naz-cli with the Redis queue (real bin, throwaway redis-server)', () => {
  let sim: SmscSimulator;
  let redis: RedisTestServer;
  let dir: string;
  const config = (connection: string, extra: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: sim.port,
    systemId: 'cli',
    password: '${SMPP_PASSWORD}',
    defaults: { from: 'NAZ', registeredDelivery: false },
    queue: { type: 'redis', connection, stream: 'cli:e2e' },
    ...extra,
  });

  beforeAll(async () => {
    await ensureCliBuilt();
    [sim, redis] = await Promise.all([
      SmscSimulator.start({
        port: 0,
        credentials: [{ system_id: 'cli', password: SECRET }],
        receipts: { enabled: false },
      }),
      startRedisServer(),
    ]);
    dir = tempDir();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([sim?.stop(), redis?.stop()]);
    removeTempDirs();
  });

  it('enqueues a batch in one process and sends it from a `run` in another', async () => {
    writeFile(dir, 'redis.json', config(redis.url));
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2547000001${String(i).padStart(2, '0')},hello ${i},r-${i}`,
    );
    writeFile(dir, 'batch.csv', ['to,text,correlationId', ...rows].join('\n'));

    const enqueued = await runCli(['enqueue', '-c', 'redis.json', '--file', 'batch.csv'], { cwd: dir, env });
    expect({ code: enqueued.code, stderr: enqueued.stderr }).toEqual({ code: 0, stderr: '' });
    expect(enqueued.events.find((e) => e.msg === 'enqueued')).toMatchObject({ count: 25 });

    const acceptedBefore = sim.stats().submitsAccepted;
    const cli = spawnCli(['run', '-c', 'redis.json'], { cwd: dir, env });
    await cli.waitForEvent(() => cli.events.filter((e) => e.msg === 'submitted').length === 25);
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sim.stats().submitsAccepted - acceptedBefore).toBe(25);
    expect(result.events.find((e) => e.msg === 'stopped')).toMatchObject({ accepted: 25, failed: 0 });
  });

  it('exits 8 when the queue cannot be reached', async () => {
    writeFile(dir, 'down.json', config('redis://127.0.0.1:1', { connectTimeoutMs: 500 }));
    const result = await runCli(['run', '-c', 'down.json'], { cwd: dir, env });
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('could not reach the queue redis (redis://127.0.0.1:1) within 0.5s');
  });

  it('rejects an unknown Redis option by key in a dry run', async () => {
    writeFile(dir, 'typo.json', { ...config(redis.url), queue: { type: 'redis', conection: redis.url } });
    const result = await runCli(['run', '-c', 'typo.json', '--dry-run'], { cwd: dir, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'typo.json: queue.conection: not an option of the redis queue (options: connection, stream',
    );
  });
});
