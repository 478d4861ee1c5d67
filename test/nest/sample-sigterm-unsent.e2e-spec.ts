import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { buildChild } from '../chaos/support/build-child.js';
import { freePort, waitFor } from './helpers.js';

/** The sample app (sample/main.ts) in a child process, its output collected. */
interface SampleProcess {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  /** Resolves with how the process ended: Nest re-raises the signal once its shutdown hooks ran. */
  exited: Promise<string>;
}

function startSample(mainJs: string, env: Record<string, string>): SampleProcess {
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH, NO_COLOR: '1', NODE_OPTIONS: '', PORT: '0', SAMPLE_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let announce: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const collect = (chunk: Buffer) => {
    text += chunk.toString();
    const listening = /listening on (http:\/\/\S+)/.exec(text);
    if (listening) announce(listening[1]);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  return { child, output: () => text, url, exited };
}

/**
 * The scenario, on the sample app as users run it (`enableShutdownHooks`, SIGTERM): the SMSC is down, a
 * message answered 202 stays queued; at SIGTERM the log names it and it is in the spill file; after a restart
 * with the SMSC up, it is sent.
 */
describe('sample app: SIGTERM with the SMSC down loses nothing', () => {
  let mainJs: string;
  let dir: string;
  let sim: SmscSimulator | undefined;
  const running: SampleProcess[] = [];

  beforeAll(() => {
    mainJs = buildChild('sample/main.ts');
    dir = mkdtempSync(join(tmpdir(), 'naz-sample-'));
  }, 120_000);
  afterAll(async () => {
    for (const p of running)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the queued message at SIGTERM, spills it, and sends it after the restart', async () => {
    const spill = join(dir, 'unsent.jsonl');
    const common = {
      SMSC_HOST: '127.0.0.1',
      SMSC_SYSTEM_ID: 'sample',
      SMSC_PASSWORD: 'pw',
      SMPP_SPILL_FILE: spill,
      SMPP_DRAIN_TIMEOUT_MS: '200',
    };

    // 1. SMSC down: a port nothing listens on.
    const down = startSample(mainJs, { ...common, SMSC_PORT: String(await freePort()) });
    running.push(down);
    const url = await Promise.race([
      down.url,
      down.exited.then(() => Promise.reject(new Error(`the sample exited:\n${down.output()}`))),
    ]);
    const sent = await fetch(`${url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '447700900123', text: 'kept across a restart' }),
    });
    expect(sent.status).toBe(202);
    const { id } = (await sent.json()) as { id: string };
    const status = (await (await fetch(`${url}/messages/${id}`)).json()) as { status: string };
    expect(status.status).toBe('queued');

    down.child.kill('SIGTERM');
    expect(await down.exited).toBe('SIGTERM');
    expect(down.output()).toContain(
      `stop: 1 message(s) still queued were not sent (${id}); written to the spill file ${spill}`,
    );
    const lines = readFileSync(spill, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ v: 1, correlationId: id, to: '447700900123', text: 'kept across a restart' }),
    ]);

    // 2. Restart with the SMSC up: the spilled message is queued again and sent.
    sim = await SmscSimulator.start({ port: 0, receipts: { enabled: false } });
    const texts: string[] = [];
    sim.on('submit', (m) => {
      if ('short_message' in m.pdu) texts.push(m.pdu.short_message.toString('latin1'));
    });
    const up = startSample(mainJs, { ...common, SMSC_PORT: String(sim.port) });
    running.push(up);
    await waitFor(() => texts.length > 0, 'the spilled message at the SMSC', 20_000);
    expect(texts).toEqual(['kept across a restart']);
    expect(existsSync(spill)).toBe(false);
    expect(up.output()).toContain(`spill file ${spill}: 1 message(s) queued again`);
    up.child.kill('SIGTERM');
    expect(await up.exited).toBe('SIGTERM');
    expect(up.output()).not.toContain('still queued were not sent');
  }, 90_000);
});
