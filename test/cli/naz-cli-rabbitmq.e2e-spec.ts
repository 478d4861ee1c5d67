import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { SmscSimulator } from '../../lib/simulator/index.js';
import { startRabbitMqServer, type RabbitMqTestServer } from '../support/rabbitmq-server.js';
import { ensureCliBuilt } from './support/build-cli.js';
import { removeTempDirs, runCli, spawnCli, tempDir, writeFile } from './support/cli-process.js';

const SECRET = 'pw4cli';

describe('naz-cli with the RabbitMQ queue (real bin, throwaway broker)', () => {
  let sim: SmscSimulator;
  let rabbit: RabbitMqTestServer;

  beforeAll(async () => {
    await ensureCliBuilt();
    [sim, rabbit] = await Promise.all([
      SmscSimulator.start({
        port: 0,
        credentials: [{ system_id: 'cli', password: SECRET }],
        receipts: { enabled: false },
      }),
      startRabbitMqServer(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([sim?.stop(), rabbit?.stop()]);
    removeTempDirs();
  });

  it('enqueues JSON lines in one process and sends them from a `run` in another, the broker password never printed', async () => {
    const dir = tempDir();
    const [, credentials] = /amqp:\/\/([^@]+)@/.exec(rabbit.url)!;
    const brokerPassword = credentials!.split(':')[1]!;
    writeFile(dir, 'rabbit.json', {
      host: '127.0.0.1',
      port: sim.port,
      systemId: 'cli',
      password: '${SMPP_PASSWORD}',
      defaults: { from: 'NAZ', registeredDelivery: false },
      queue: {
        type: 'rabbitmq',
        url: rabbit.url.replace(`:${brokerPassword}@`, ':${AMQP_PASSWORD}@'),
        queue: 'cli.e2e',
      },
    });
    writeFile(
      dir,
      'batch.jsonl',
      Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({ to: '254700000001', text: `m${i}`, correlationId: `r-${i}` }),
      ).join('\n'),
    );
    const env = { SMPP_PASSWORD: SECRET, AMQP_PASSWORD: brokerPassword };

    const enqueued = await runCli(['enqueue', '-c', 'rabbit.json', '--file', 'batch.jsonl'], {
      cwd: dir,
      env,
    });
    expect({ code: enqueued.code, stderr: enqueued.stderr }).toEqual({ code: 0, stderr: '' });

    const acceptedBefore = sim.stats().submitsAccepted;
    const cli = spawnCli(['run', '-c', 'rabbit.json'], { cwd: dir, env });
    await cli.waitForEvent(() => cli.events.filter((e) => e.msg === 'submitted').length === 12);
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sim.stats().submitsAccepted - acceptedBefore).toBe(12);
    expect(result.events.find((e) => e.msg === 'running')).toMatchObject({
      queue: expect.stringMatching(/^rabbitmq \(amqp:\/\/[^:]+:\*\*\*@127\.0\.0\.1:\d+/),
    });
    // A stock broker's user and password are both "guest": the secret is masked wherever it appears.
    expect(result.stdout).not.toContain(`:${brokerPassword}@`);
  });
});
