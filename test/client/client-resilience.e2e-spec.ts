import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

function textsOf(sim: SmscSimulator): string[] {
  const texts: string[] = [];
  sim.on('submit', (m) => {
    if ('short_message' in m.pdu) texts.push(m.pdu.short_message.toString('latin1'));
  });
  return texts;
}

describe('resilience: dropped connections, throttling, dead links', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('survives the SMSC dropping the connection in the middle of a window of 100: none lost', async () => {
    const N = 1000;
    sim = await startSimulator({ receipts: { enabled: false }, faults: { dropAfterPdus: 150 } });
    const texts = textsOf(sim);
    client = await startClient(sim, { windowSize: 100 });
    const accepted = new Map<string, number>();
    const failed: string[] = [];
    client.on('submitted', (e) => accepted.set(e.correlationId, (accepted.get(e.correlationId) ?? 0) + 1));
    client.on('failed', (e) => failed.push(e.correlationId));
    for (let i = 0; i < N; i++)
      await client.send({ to: '447700900123', text: `m${i}`, correlationId: `c${i}` });
    await until(() => accepted.size === N, 20_000, 'all messages accepted');

    expect(failed).toEqual([]);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true); // confirmed exactly once to the app
    const unique = new Set(texts);
    expect(unique.size).toBe(N); // the SMSC has every message
    // A message may reach the SMSC twice only when its response was lost with the connection (at-least-once).
    expect(texts.length - unique.size).toBeLessThanOrEqual(client.stats().retried);
    expect(client.stats().reconnects).toBeGreaterThanOrEqual(5);
    expect(sim.stats().faults).toBeDefined();
  });

  it('holds throttled messages and resubmits them first: all accepted, order preserved (window 1)', async () => {
    const N = 60;
    sim = await startSimulator({ receipts: { enabled: false }, faults: { throttleEveryNth: 3 } });
    const texts = textsOf(sim);
    client = await startClient(sim, { windowSize: 1, throttle: { sampleSize: 5, delayMs: 5 } });
    for (let i = 0; i < N; i++) await client.send({ to: '447700900123', text: `m${i}` });
    await until(() => client.stats().accepted === N, 10_000, 'all accepted');
    expect(texts).toEqual(Array.from({ length: N }, (_, i) => `m${i}`));
    expect(client.stats().failed).toBe(0);
    expect(client.stats().retried).toBeGreaterThan(0);
    expect(sim.stats().statuses.ESME_RTHROTTLED).toBeGreaterThan(0);
  });

  it('with a wider window, throttled messages are all accepted exactly once', async () => {
    const N = 300;
    sim = await startSimulator({ receipts: { enabled: false }, faults: { throttleEveryNth: 3 } });
    const texts = textsOf(sim);
    client = await startClient(sim, { windowSize: 20, throttle: { sampleSize: 10, delayMs: 5 } });
    for (let i = 0; i < N; i++) await client.send({ to: '447700900123', text: `m${i}` });
    await until(
      () => client.stats().accepted === N,
      10_000,
      'all accepted',
      () => client.stats(),
    );
    expect(new Set(texts).size).toBe(N);
    expect(texts.length).toBe(N);
  });

  it('resends only the parts of a long message the SMSC did not accept: no part is accepted (and billed) twice', async () => {
    const N = 20;
    sim = await startSimulator({ receipts: { enabled: false }, faults: { throttleEveryNth: 2 } });
    const acceptedParts = new Map<string, number>();
    sim.on('submit', (m) => {
      if (!('short_message' in m.pdu)) return;
      // UDH 8-bit concatenation (TS 23.040 §9.2.3.24.1): 05 00 03 <reference> <total> <sequence>.
      const udh = m.pdu.short_message;
      const key = `${udh[3]}/${udh[5]}`;
      acceptedParts.set(key, (acceptedParts.get(key) ?? 0) + 1);
    });
    client = await startClient(sim, { windowSize: 10, throttle: { sampleSize: 1000, delayMs: 1 } });
    const results = new Map<string, string[]>();
    client.on('submitted', (e) => results.set(e.correlationId, e.messageIds));
    for (let i = 0; i < N; i++) {
      await client.send({ to: '447700900123', text: `${i} `.padEnd(400, 'x'), correlationId: `long${i}` });
    }
    await until(
      () => client.stats().accepted === N,
      10_000,
      'all accepted',
      () => client.stats(),
    );
    expect(acceptedParts.size).toBe(N * 3);
    expect([...acceptedParts.values()].every((n) => n === 1)).toBe(true);
    expect(sim.stats().submitsAccepted).toBe(N * 3);
    expect(sim.stats().statuses.ESME_RTHROTTLED).toBeGreaterThan(0);
    for (const ids of results.values()) {
      expect(ids).toHaveLength(3);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    }
    expect(client.stats().failed).toBe(0);
  });

  it('fails a message for good after retry.maxThrottledAttempts throttled answers, naming the status', async () => {
    sim = await startSimulator({ receipts: { enabled: false }, faults: { queueFullEveryNth: 1 } });
    client = await startClient(sim, {
      retry: { maxAttempts: 1, maxThrottledAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    });
    const failures: Array<{ reason: string; attempts: number }> = [];
    client.on('failed', (e) => failures.push(e));
    await client.send({ to: '447700900123', text: 'never fits' });
    await until(() => failures.length === 1, 5000, 'failure');
    expect(failures[0]).toMatchObject({ reason: 'ESME_RMSGQFUL', attempts: 3 });
    expect(client.stats().failedByStatus).toEqual({ ESME_RMSGQFUL: 1 });
  });

  it('fails a message after retry.maxAttempts response timeouts', async () => {
    sim = await startSimulator({ receipts: { enabled: false }, faults: { neverAnswerEveryNth: 1 } });
    client = await startClient(sim, {
      responseTimeoutMs: 50,
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 },
    });
    const failures: Array<{ reason: string; attempts: number }> = [];
    client.on('failed', (e) => failures.push(e));
    await client.send({ to: '447700900123', text: 'never answered' });
    await until(() => failures.length === 1, 5000, 'failure');
    expect(failures[0]).toMatchObject({ reason: 'ResponseTimeoutError', attempts: 2 });
    // The client's own 50 ms timer may fire before the simulator has read the second attempt.
    await until(() => sim.stats().received.submit_sm === 2, 3000, 'both attempts at the simulator');
  });

  it('throttled answers do not use up retry.maxAttempts (SMPP 3.4 §5.1.3: ESME_RTHROTTLED is about the rate)', async () => {
    sim = await startSimulator({ receipts: { enabled: false }, faults: { throttleEveryNth: 2 } });
    client = await startClient(sim, { windowSize: 1, retry: { maxAttempts: 1, initialDelayMs: 1 } });
    for (let i = 0; i < 20; i++) await client.send({ to: '447700900123', text: `m${i}` });
    await until(
      () => client.stats().accepted === 20,
      10_000,
      'all accepted',
      () => client.stats(),
    );
    expect(client.stats().failed).toBe(0);
    expect(sim.stats().statuses.ESME_RTHROTTLED).toBeGreaterThan(0);
  });

  it('declares a silent link dead by keepalive and reconnects', async () => {
    sim = await startSimulator({
      receipts: { enabled: false },
      faults: { neverAnswerEveryNth: 1, neverAnswerCommands: ['enquire_link'] },
    });
    client = await startClient(sim, { enquireLinkIntervalMs: 50, enquireLinkTimeoutMs: 100 });
    const reasons: string[] = [];
    client.on('state', (s) => reasons.push(`${s.current}:${s.reason}`));
    await client.waitUntilBound(2000);
    await until(() => client.stats().reconnects >= 1, 5000, 'a reconnect');
    expect(reasons).toContain('closed:enquire_link timeout');
    sim.clearFaults();
    await client.send({ to: '447700900123', text: 'after the dead link' });
    await until(() => client.stats().accepted === 1, 5000, 'accepted after reconnect');
  });

  it('spreads messages over a pool of sessions', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const perConnection = new Map<number, number>();
    sim.on('submit', (m) => perConnection.set(m.connectionId, (perConnection.get(m.connectionId) ?? 0) + 1));
    client = await startClient(sim, { sessions: 2, windowSize: 5 });
    await until(() => client.stats().boundSessions === 2, 3000, 'two binds');
    for (let i = 0; i < 400; i++) await client.send({ to: '447700900123', text: `m${i}` });
    await until(() => client.stats().accepted === 400, 5000, 'all accepted');
    expect(perConnection.size).toBe(2);
    for (const n of perConnection.values()) expect(n).toBeGreaterThan(50);
  });
});
