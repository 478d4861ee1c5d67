/**
 * Regression: receipts with random delays were sometimes never sent, because a slot timer that fired a
 * millisecond early found its messages still ENROUTE and skipped them for good.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SmppClient } from '../../lib/client/index.js';
import { SmscSimulator } from '../../lib/simulator/index.js';

let sim: SmscSimulator;
beforeAll(async () => {
  sim = await SmscSimulator.start({ receipts: { delayMs: { min: 1, max: 20 } } });
});
afterAll(async () => {
  await sim.stop();
});

describe('delivery receipts with random delays', () => {
  it('sends one receipt for every accepted message', async () => {
    const client = new SmppClient({
      host: sim.host,
      port: sim.port,
      systemId: 't',
      password: 'p',
      logLevel: 'error',
      windowSize: 50,
    });
    const total = 3000;
    let receipts = 0;
    client.on('deliveryReceipt', () => receipts++);
    await client.start();
    try {
      for (let i = 0; i < total; i++) await client.send({ to: '254700000001', text: `m${i}` });
      const deadline = Date.now() + 20_000;
      while (receipts < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(sim.stats().submitsAccepted).toBe(total);
      expect(sim.stats().receiptsSent).toBe(total);
      expect(receipts).toBe(total);
    } finally {
      await client.stop();
    }
  });
});
