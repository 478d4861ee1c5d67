import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SmscSimulator } from '../../lib/simulator/index.js';
import { startSimulator, waitFor } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainJs = resolve(root, '.out/sample/main.js');

let sim: SmscSimulator;
let child: ChildProcess | undefined;
/** Everything the child wrote. */
let output = '';

beforeAll(() => {
  // The child is the compiled sample: tsc keeps emitDecoratorMetadata, which Nest's DI needs.
  const tsc = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.run.json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (!existsSync(mainJs))
    throw new Error(`tsc -p tsconfig.run.json did not produce ${mainJs}:\n${tsc.stdout}${tsc.stderr}`);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.stop();
});

/** Resolves with the sample's HTTP URL once it logged it. */
function startSample(env: Record<string, string>): Promise<string> {
  child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output = '';
  return new Promise((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(match[1]!);
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.once('exit', (code) => reject(new Error(`sample exited (${code}) before listening:\n${output}`)));
  });
}

describe('graceful shutdown on SIGTERM (app.enableShutdownHooks())', () => {
  it('waits for in-flight responses before it unbinds, then exits', async () => {
    // Every response takes 600 ms: at SIGTERM the three submits are still in flight.
    sim = await startSimulator({ faults: { responseDelayMs: 600 } });
    const url = await startSample({
      PORT: '0',
      SMSC_HOST: sim.host,
      SMSC_PORT: String(sim.port),
      SMSC_SYSTEM_ID: 'drain',
      SMSC_PASSWORD: 'secret',
      SMPP_DRAIN_TIMEOUT_MS: '5000',
      SAMPLE_DEMO: '0',
    });
    await waitFor(async () => (await fetch(`${url}/health`)).status === 200, 'the sample to bind', 10_000);

    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: `44770090020${i}`, text: `in flight ${i}` }),
      });
      expect(res.status).toBe(202);
    }
    await waitFor(() => (sim.stats().received.submit_sm ?? 0) === 3, 'three submits in flight');

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
      child!.once('exit', (code, signal) => resolveExit({ code, signal })),
    );
    child!.kill('SIGTERM');
    const exit = await exited;

    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // The client unbound (SMPP 3.4 §4.2) instead of dropping the connection...
    expect(sim.stats().received.unbind).toBe(1);
    // ...after the three delayed responses came back: had it closed first, the simulator would have dropped them.
    expect(output).toMatch(/client stopped[^\n]*accepted\W+3\b/);
  }, 30_000);
});
