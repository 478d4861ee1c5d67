/**
 * Interop: our own client (SmppClient) against the simulator: a long message with receipts per part, and a long
 * MO message joined back by the client's reassembler.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SmppClient } from '../../lib/client/smpp-client.js';
import type { DeliveryReceiptEvent, InboundMessageEvent } from '../../lib/client/client-events.interface.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { pollUntil } from '../support/poll-until.js';

describe('SmppClient against naz-smsc', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  const receipts: DeliveryReceiptEvent[] = [];
  const inbound: InboundMessageEvent[] = [];
  const until = (check: () => boolean, what: string): Promise<void> =>
    pollUntil(check, { what, intervalMs: 5 });

  beforeAll(async () => {
    sim = await SmscSimulator.start({
      credentials: [{ system_id: 'naz', password: 'pw' }],
      receipts: { delayMs: 10 },
    });
    client = new SmppClient({
      host: sim.host,
      port: sim.port,
      systemId: 'naz',
      password: 'pw',
      bindMode: 'transceiver',
      logLevel: 'error',
    } as ConstructorParameters<typeof SmppClient>[0]);
    client.on('deliveryReceipt', (e) => receipts.push(e));
    client.on('message', (e) => inbound.push(e));
    await client.start();
  });
  afterAll(async () => {
    await client.stop();
    await sim.stop();
  });

  it('submits a long message, gets one id per part and one receipt per part tied to its correlationId', async () => {
    const text = 'A message long enough to need three parts on the wire. '.repeat(7);
    const result = await client.submit({
      to: '447700900123',
      from: 'ACME',
      text,
      registeredDelivery: true,
      correlationId: 'c-1',
    });
    expect(result.messageIds).toHaveLength(3);
    expect(new Set(result.messageIds).size).toBe(3);
    await until(() => receipts.length >= 3, '3 receipts');
    expect(receipts.map((r) => r.correlationId)).toEqual(['c-1', 'c-1', 'c-1']);
    expect(receipts.map((r) => r.receipt.messageId).sort()).toEqual([...result.messageIds].sort());
    expect(receipts.every((r) => r.receipt.state === 'DELIVRD')).toBe(true);
  });

  it('receives a long MO message joined back into its text', async () => {
    const text = 'Long inbound text from a handset, split by the network into several parts. '.repeat(4);
    expect(sim.sendMo({ text, source_addr: '447700900555', split: 'udh16' })).toBeGreaterThan(1);
    await until(() => inbound.some((m) => m.from === '447700900555'), 'the MO message');
    expect(inbound.find((m) => m.from === '447700900555')?.text).toBe(text);
  });
});
