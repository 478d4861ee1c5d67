import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

describe('graceful stop', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 50 });
    await sim?.stop();
  });

  it('with 500 in flight and a slow SMSC: every message is confirmed or back in the queue', async () => {
    const N = 500;
    // Answers spread over 10 ms..20 s: some arrive before stop(), most cannot arrive within the drain. The
    // waits below are on events, not on timing, so a starved CI machine changes the split, not the outcome.
    sim = await startSimulator({ receipts: { enabled: false } });
    const queue = new InMemoryOutboundQueue();
    client = await startClient(sim, { windowSize: 500, responseTimeoutMs: 60_000 }, { queue });
    await client.waitUntilBound(5000);
    sim.setFaults({ responseDelayMs: { min: 10, max: 20_000 } });
    const confirmed = new Set<string>();
    client.on('submitted', (e) => confirmed.add(e.correlationId));
    for (let i = 0; i < N; i++) await client.send({ to: '1', text: `m${i}`, correlationId: `c${i}` });
    await until(
      () => client.stats().submitted === N,
      5000,
      'all 500 handed to the SMSC',
      () => client.stats(),
    );
    await until(() => confirmed.size > 0, 5000, 'a first answer');
    await client.stop({ drainTimeoutMs: 150 });

    const back: string[] = [];
    for (const d of await queue.receive(N, new AbortController().signal)) back.push(d.message.correlationId);
    expect(confirmed.size).toBeGreaterThan(0);
    expect(back.length).toBeGreaterThan(0);
    expect(confirmed.size + back.length).toBe(N);
    for (const id of back) expect(confirmed.has(id)).toBe(false);
    expect(client.state).toBe('closed');
  });

  it('waits for in-flight responses within the drain timeout, then unbinds', async () => {
    sim = await startSimulator({ receipts: { enabled: false }, faults: { responseDelayMs: 50 } });
    client = await startClient(sim, { windowSize: 50 });
    for (let i = 0; i < 50; i++) await client.send({ to: '1', text: `m${i}` });
    await until(() => client.stats().inFlight === 50, 3000, 'in flight');
    await client.stop({ drainTimeoutMs: 3000 });
    expect(client.stats()).toMatchObject({ accepted: 50, inFlight: 0, state: 'closed' });
    await until(() => (sim.stats().received.unbind ?? 0) === 1, 1000, 'unbind');
  });

  it('stop() is idempotent and a stopped client refuses to start again', async () => {
    sim = await startSimulator();
    client = await startClient(sim);
    await client.waitUntilBound(2000);
    await Promise.all([client.stop(), client.stop()]);
    await expect(client.start()).rejects.toThrow('stopped');
  });
});
