import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { InMemoryCorrelator } from '../../lib/correlation/in-memory-correlator.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

describe('10,000 messages with delivery receipts', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('ties every receipt to the correlationId of its message', async () => {
    const N = 10_000;
    sim = await startSimulator({ receipts: { delayMs: 0 } });
    const correlator = new InMemoryCorrelator();
    client = await startClient(sim, { windowSize: 100 }, { correlator });
    const byCorrelation = new Map<string, string[]>();
    const receiptFor = new Map<string, number>();
    const messageIdOf = new Map<string, string>();
    client.on('submitted', (e) => byCorrelation.set(e.correlationId, e.messageIds));
    client.on('deliveryReceipt', (e) => {
      if (e.correlationId !== undefined)
        receiptFor.set(e.correlationId, (receiptFor.get(e.correlationId) ?? 0) + 1);
      messageIdOf.set(e.receipt.messageId, e.correlationId ?? '?');
    });
    for (let i = 0; i < N; i++)
      await client.send({ to: '447700900123', text: `message ${i}`, correlationId: `c${i}` });
    await until(
      () => client.stats().receipts === N,
      60_000,
      'all receipts',
      () => [client.stats(), sim.stats()],
    );

    expect(byCorrelation.size).toBe(N);
    expect(receiptFor.size).toBe(N);
    expect([...receiptFor.values()].every((n) => n === 1)).toBe(true);
    // Each receipt's id is the id the SMSC gave that very message.
    for (const [correlationId, ids] of byCorrelation) expect(messageIdOf.get(ids[0])).toBe(correlationId);
    expect(client.stats()).toMatchObject({ accepted: N, failed: 0, receiptsCorrelated: N });
    // Every receipt was final (DELIVRD): the store is empty again.
    expect(correlator.size).toBe(0);
    expect(sim.stats().submitsAccepted).toBe(N);
  }, 90_000);
});

describe('the correlator holds only messages that asked for a receipt', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('stores registered_delivery 1 messages and skips registered_delivery 0 ones (SMPP 3.4 §5.2.17)', async () => {
    sim = await startSimulator({ receipts: { delayMs: 0 } });
    const correlator = new InMemoryCorrelator();
    // Entries kept after their final receipt, so the count shows what was stored.
    client = await startClient(
      sim,
      { windowSize: 10, correlation: { keepAfterFinalReceipt: true } },
      { correlator },
    );
    for (let i = 0; i < 20; i++) {
      await client.send({ to: '447700900123', text: `m${i}`, registeredDelivery: i % 2 === 0 });
    }
    await until(
      () => client.stats().accepted === 20,
      10_000,
      'all accepted',
      () => client.stats(),
    );
    await until(
      () => client.stats().receipts === 10,
      10_000,
      'ten receipts',
      () => client.stats(),
    );
    expect(correlator.size).toBe(10);
    expect(client.stats().receiptsCorrelated).toBe(10);
  });
});
