import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { buildChild } from './support/build-child.js';
import { CHAOS_FULL, CHAOS_PASSWORD, scaled, until } from './support/chaos-env.js';
import { startChaosSimulator } from './support/chaos-fixtures.js';
import { DeliveryLedger } from './support/delivery-ledger.js';
import { recordFate } from './support/fate-table.js';
import { containsSecret } from './support/secret-scan.js';

const COUNT = scaled(5_000, 50_000);
/** SIGTERM comes once this many are accepted: the rest is still queued or in flight. */
const ACCEPTED_AT_SIGTERM = scaled(1_000, 4_000);
const WINDOW = 50;
const DRAIN_MS = 100;

/** What the child wrote after its graceful stop. */
interface ChildOutcome {
  confirmed: string[];
  failed: Array<{ id: string; reason: string }>;
  requeued: string[];
  unacknowledged: number;
  inFlightAtSignal: number;
}

describe(`chaos: SIGTERM under full load in a child process (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  let childJs: string;
  let sim: SmscSimulator | undefined;
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'naz-chaos-'));

  beforeAll(() => {
    childJs = buildChild('test/chaos/support/sigterm-child.ts');
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('confirms or puts back every message: confirmed ∪ requeued ∪ failed = all, and the SMSC has nothing else', async () => {
    // Responses take up to 300 ms, longer than the drain timeout: at SIGTERM some in-flight messages are
    // abandoned (put back) although the SMSC accepts them — the at-least-once duplicates to come.
    sim = await startChaosSimulator({ faults: { responseDelayMs: { min: 1, max: 300 } } });
    const ledger = new DeliveryLedger();
    ledger.watchSimulator(sim);
    const accepted = new Set<string>();
    let acceptances = 0;
    sim.on('submit', (m) => {
      if (!('short_message' in m.pdu)) return;
      accepted.add(m.pdu.short_message.toString('latin1'));
      acceptances++;
    });
    const out = join(dir, 'outcome.json');
    const c = spawn(process.execPath, [childJs], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        CHAOS_PORT: String(sim.port),
        CHAOS_COUNT: String(COUNT),
        CHAOS_OUT: out,
        CHAOS_WINDOW: String(WINDOW),
        CHAOS_DRAIN_MS: String(DRAIN_MS),
        CHAOS_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let stdout = '';
    let stderr = '';
    c.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    c.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));

    await until(
      () => stdout.includes('ready'),
      20_000,
      'the child to queue its messages',
      () => ({ stdout, stderr: stderr.slice(-2000) }),
    );
    // Full load: the window full of requests awaiting their delayed responses, thousands more queued.
    await until(
      () => accepted.size >= ACCEPTED_AT_SIGTERM,
      60_000,
      `${ACCEPTED_AT_SIGTERM} messages accepted`,
    );
    c.kill('SIGTERM');
    const code = await exited;
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: 'ready\nstopped' });

    const outcome = JSON.parse(readFileSync(out, 'utf8')) as ChildOutcome;
    const all = Array.from({ length: COUNT }, (_, i) => DeliveryLedger.idOf(i));
    const confirmed = new Set(outcome.confirmed);
    const requeued = new Set(outcome.requeued);
    const failed = new Set(outcome.failed.map((f) => f.id));
    const inSeveral = all.filter(
      (id) => Number(confirmed.has(id)) + Number(requeued.has(id)) + Number(failed.has(id)) > 1,
    );
    const inNone = all.filter((id) => !confirmed.has(id) && !requeued.has(id) && !failed.has(id));
    const acceptedNotAccounted = [...accepted].filter((id) => !confirmed.has(id) && !requeued.has(id));
    const confirmedNotAccepted = [...confirmed].filter((id) => !accepted.has(id));
    const requeuedButAccepted = [...requeued].filter((id) => accepted.has(id));
    // Put back in the queue is this scenario's third known fate: the application gets them to send later.
    recordFate({
      scenario: `SIGTERM (${requeued.size} put back in the queue)`,
      sent: COUNT,
      submitted: confirmed.size,
      failed: failed.size,
      deadLettered: 0,
      notExactlyOne: inNone.length + inSeveral.length,
      smscDuplicates: acceptances - accepted.size,
      inFlightAtFault: outcome.inFlightAtSignal,
      receiptsExpected: 0,
      receiptsCorrelated: 0,
    });
    process.stdout.write(
      `sigterm: ${COUNT} messages, ${confirmed.size} confirmed, ${requeued.size} requeued ` +
        `(${requeuedButAccepted.length} of them accepted by the SMSC), ${failed.size} failed, ` +
        `${outcome.unacknowledged} unacknowledged, ${stderr.split('\n').length} log lines\n`,
    );

    expect(inNone).toEqual([]);
    expect(inSeveral).toEqual([]);
    expect(outcome.confirmed).toHaveLength(confirmed.size); // each confirmed once
    expect(outcome.requeued).toHaveLength(requeued.size);
    expect(outcome.failed).toEqual([]);
    expect(outcome.unacknowledged).toBe(0);
    expect(requeued.size).toBeGreaterThan(0); // SIGTERM really came under load
    expect(acceptedNotAccounted).toEqual([]);
    expect(confirmedNotAccepted).toEqual([]);
    // Accepted but put back: its response came after the drain timeout. At most one window.
    expect(requeuedButAccepted.length).toBeLessThanOrEqual(WINDOW);
    // The password is in no log line of the child (JSON lines at debug level on stderr).
    expect(stderr.length).toBeGreaterThan(0);
    expect(containsSecret(stderr)).toBe(false);
    expect(containsSecret(stdout)).toBe(false);
  }, 120_000);
});
