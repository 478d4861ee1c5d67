import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import type { DeliveryReceiptEvent, SubmittedEvent } from '../../lib/client/client-events.interface.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

describe('SmppClient against the simulator: send, submit, receipts', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('binds, sends a message and ties its delivery receipt to the correlationId and metadata', async () => {
    sim = await startSimulator({ receipts: { delayMs: 0 } });
    client = await startClient(sim);
    const submitted: SubmittedEvent[] = [];
    const receipts: DeliveryReceiptEvent[] = [];
    client.on('submitted', (e) => submitted.push(e));
    client.on('deliveryReceipt', (e) => receipts.push(e));
    await client.waitUntilBound(2000);
    await client.send({ to: '447700900123', text: 'Hello', correlationId: 'order-1', metadata: { shop: 7 } });
    await until(() => receipts.length === 1, 3000, 'receipt');
    expect(submitted[0]).toMatchObject({ correlationId: 'order-1', attempts: 1, metadata: { shop: 7 } });
    expect(receipts[0]).toMatchObject({
      correlationId: 'order-1',
      metadata: { shop: 7 },
      partIndex: 0,
      partCount: 1,
    });
    expect(receipts[0].receipt.state).toBe('DELIVRD');
    expect(client.stats()).toMatchObject({ state: 'bound', accepted: 1, receipts: 1, receiptsCorrelated: 1 });
  });

  it('submit() resolves with the SMSC message id of each part', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    client = await startClient(sim);
    const result = await client.submit({ to: '447700900123', text: 'x'.repeat(400) });
    expect(result.messageIds).toHaveLength(3);
    expect(new Set(result.messageIds).size).toBe(3);
  });
});
