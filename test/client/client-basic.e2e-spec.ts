import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import type {
  DeliveryReceiptEvent,
  QueuedEvent,
  SmppClientEvents,
  SubmittedEvent,
} from '../../lib/client/client-events.interface.js';
import type { SmppSession } from '../../lib/session/smpp-session.js';

type PduEvent = SmppClientEvents['pdu'][0];
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

  it('builds queued, submitted and pdu events only for listeners, and still after removeAllListeners()', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    client = await startClient(sim);
    await client.waitUntilBound(2000);
    // Nobody listens: the session does not even forward its PDUs to the client.
    await client.submit({ to: '447700900123', text: 'unobserved' });
    // The client's one session (private: what matters here is whether it builds 'pdu' events for nobody).
    const session = (client as unknown as { supervisors: Array<{ session: SmppSession }> }).supervisors[0]!
      .session;
    expect(session.listenerCount('pdu')).toBe(0);

    const seen = (): { queued: QueuedEvent[]; submitted: SubmittedEvent[]; pdus: PduEvent[] } => {
      const events = {
        queued: [] as QueuedEvent[],
        submitted: [] as SubmittedEvent[],
        pdus: [] as PduEvent[],
      };
      client.on('queued', (e) => events.queued.push(e));
      client.on('submitted', (e) => events.submitted.push(e));
      client.on('pdu', (e) => events.pdus.push(e));
      return events;
    };
    const first = seen();
    expect(session.listenerCount('pdu')).toBe(1);
    await client.send({ to: '447700900123', text: 'one', correlationId: 'c-1' });
    await until(() => first.submitted.length === 1, 3000, 'submitted');
    expect(first.queued.map((e) => e.message.correlationId)).toEqual(['c-1']);
    expect(first.pdus.map((e) => e.pdu.command)).toContain('submit_sm_resp');

    // removeAllListeners() also takes the tracking's own listeners: events must still reach new listeners.
    client.removeAllListeners();
    expect(session.listenerCount('pdu')).toBe(0);
    const second = seen();
    await client.send({ to: '447700900123', text: 'two', correlationId: 'c-2' });
    await until(() => second.submitted.length === 1, 3000, 'submitted after removeAllListeners');
    expect(second.queued.map((e) => e.message.correlationId)).toEqual(['c-2']);
    expect(second.pdus.map((e) => e.pdu.command)).toContain('submit_sm_resp');
    expect(first.submitted).toHaveLength(1);
  });
});
