import { describe, it, expect, afterEach } from '@jest/globals';
import { SmppClient } from '../../lib/client/smpp-client.js';
import { NotBoundError } from '../../lib/client/errors/not-bound.error.js';
import { BindError } from '../../lib/session/errors/bind.error.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CapturingLogger, PASSWORD, clientOptions, startSimulator, until } from './client-test-helpers.js';

describe('binding and reconnecting', () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 50 });
    await sim?.stop();
    client = undefined;
    sim = undefined;
  });

  it('reports a wrong password as ESME_RINVPASWD on every attempt, and never logs the password', async () => {
    sim = await startSimulator();
    const logger = new CapturingLogger();
    const wrong = 'wr0ngpw';
    client = new SmppClient({ ...clientOptions(sim), password: wrong, logLevel: 'debug' }, { logger });
    const warnings: Array<{ message: string; error?: Error }> = [];
    client.on('warning', (w) => warnings.push(w));
    await client.start();
    await until(() => warnings.length >= 3, 3000, 'three bind attempts');
    for (const w of warnings.slice(0, 3)) {
      expect(w.message).toMatch(
        /attempt \d+ failed: bind_transceiver rejected: ESME_RINVPASWD \(0x0000000E\)/,
      );
      expect(w.message).toContain('check systemId/password');
      expect(w.error).toBeInstanceOf(BindError);
    }
    await expect(client.waitUntilBound(50)).rejects.toThrow(/ESME_RINVPASWD/);
    expect(client.stats().bindFailures).toBeGreaterThanOrEqual(3);
    await client.stop();
    expect(logger.lines.length).toBeGreaterThan(3);
    for (const line of logger.lines) {
      expect(line).not.toContain(wrong);
      expect(line).not.toContain(PASSWORD);
    }
  });

  it("runs hooks around the session's own requests too (bind, enquire_link, unbind), without the password", async () => {
    sim = await startSimulator();
    const before: Array<Record<string, unknown>> = [];
    const after: Array<{ request: string; response: string; status: number; elapsedMs: number }> = [];
    client = new SmppClient(
      { ...clientOptions(sim), enquireLinkIntervalMs: 30 },
      {
        logger: new CapturingLogger(),
        hooks: {
          beforeRequest: (c) => void before.push({ ...c.request }),
          afterResponse: (c) =>
            void after.push({
              request: c.request.command,
              response: c.response.command,
              status: c.response.command_status,
              elapsedMs: c.elapsedMs,
            }),
        },
      },
    );
    await client.start();
    await client.waitUntilBound(2000);
    await until(() => after.some((a) => a.request === 'enquire_link'), 2000, 'an enquire_link round trip');
    await client.stop({ drainTimeoutMs: 50 });

    const bind = before.find((r) => r.command === 'bind_transceiver');
    expect(bind).toMatchObject({ command: 'bind_transceiver', password: '***' });
    expect(typeof bind?.sequence_number).toBe('number');
    expect(JSON.stringify(before)).not.toContain(PASSWORD);
    const anyElapsed = expect.any(Number) as unknown as number;
    expect(after).toContainEqual({
      request: 'bind_transceiver',
      response: 'bind_transceiver_resp',
      status: 0,
      elapsedMs: anyElapsed,
    });
    expect(after).toContainEqual({
      request: 'enquire_link',
      response: 'enquire_link_resp',
      status: 0,
      elapsedMs: anyElapsed,
    });
    expect(after).toContainEqual({
      request: 'unbind',
      response: 'unbind_resp',
      status: 0,
      elapsedMs: anyElapsed,
    });
    // A round trip on loopback: not negative, not absurd.
    for (const a of after) expect(a.elapsedMs >= 0 && a.elapsedMs < 2000).toBe(true);
  });

  it('starts while the SMSC is down, shows the attempts, and binds once it is up', async () => {
    const probe = await startSimulator();
    const port = probe.port;
    await probe.stop();
    client = new SmppClient(clientOptions({ port }), { logger: new CapturingLogger() });
    const states: string[] = [];
    const warnings: string[] = [];
    client.on('state', (s) => states.push(`${s.previous}->${s.current}`));
    client.on('warning', (w) => warnings.push(w.message));
    const started = Date.now();
    await client.start(); // resolves without waiting for a bind (which cannot happen while the SMSC is down)
    expect(Date.now() - started).toBeLessThan(1000);
    await client.send({ to: '447700900123', text: 'queued while down' });
    await until(() => warnings.length >= 2, 3000, 'connect attempts');
    expect(warnings[0]).toMatch(
      /connect\/bind attempt 1 failed: cannot connect to SMSC .*; retrying in \d+ ms/,
    );
    expect(states).toContain('closed->connecting');

    sim = await startSimulator({ port });
    await client.waitUntilBound(3000);
    await until(() => client!.stats().accepted === 1, 3000, 'the queued message');
    expect(states).toContain('binding->bound');
  });

  it('gives up after reconnect.maxAttempts and says so', async () => {
    const probe = await startSimulator();
    const port = probe.port;
    await probe.stop();
    client = new SmppClient(
      clientOptions({ port }, { reconnect: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 } }),
      {
        logger: new CapturingLogger(),
      },
    );
    const warnings: string[] = [];
    client.on('warning', (w) => warnings.push(w.message));
    await client.start();
    await until(() => warnings.some((w) => w.includes('giving up after 2 attempts')), 3000, 'give up');
    await expect(client.waitUntilBound(20)).rejects.toBeInstanceOf(NotBoundError);
  });

  it('stop() while reconnecting ends the attempts at once', async () => {
    const probe = await startSimulator();
    const port = probe.port;
    await probe.stop();
    client = new SmppClient(
      clientOptions({ port }, { reconnect: { initialDelayMs: 10_000, maxDelayMs: 10_000 } }),
      {
        logger: new CapturingLogger(),
      },
    );
    await client.start();
    await until(() => client!.stats().bindFailures === 1, 3000, 'first failure');
    const started = Date.now();
    await client.stop();
    await client.stop(); // idempotent
    expect(Date.now() - started).toBeLessThan(1000);
    expect(client.state).toBe('closed');
  });
});
