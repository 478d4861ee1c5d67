import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { DeliveryReceiptEvent } from '../../lib/client/client-events.interface.js';
import { InMemoryCorrelator } from '../../lib/correlation/in-memory-correlator.js';
import { FakeSmsc, type FakeSmscConnection } from '../session/fake-smsc.js';
import { PASSWORD, startClient, until } from './client-test-helpers.js';

/** SMPP 3.4 §5.2.12, esm_class bits 5-2: 0001 SMSC delivery receipt, 1000 intermediate delivery notification. */
const ESM_RECEIPT = 0x04;
const ESM_INTERMEDIATE = 0x20;

function receipt(conn: FakeSmscConnection, messageId: string, esmClass: number, stat: string): void {
  conn.send({
    command: 'deliver_sm',
    source_addr: '447700900123',
    destination_addr: 'ACME',
    esm_class: esmClass,
    short_message: Buffer.from(
      `id:${messageId} sub:001 dlvrd:001 submit date:2312051200 done date:2312051201 stat:${stat} err:000 text:`,
      'latin1',
    ),
  });
}

describe('correlation entries and final receipts', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp(keepAfterFinalReceipt?: boolean) {
    const smsc = await FakeSmsc.start({ password: PASSWORD });
    cleanup.push(() => smsc.stop());
    const correlator = new InMemoryCorrelator();
    const client: SmppClient = await startClient(
      smsc,
      {
        defaults: { registeredDelivery: true },
        // A receipt for an id no longer stored waits this long in case it came before its response.
        correlation: {
          earlyReceiptHoldMs: 200,
          ...(keepAfterFinalReceipt === undefined ? {} : { keepAfterFinalReceipt }),
        },
      },
      { correlator },
    );
    cleanup.push(async () => {
      await client.stop({ drainTimeoutMs: 100 });
    });
    await client.waitUntilBound(3000);
    const receipts: DeliveryReceiptEvent[] = [];
    client.on('deliveryReceipt', (e) => receipts.push(e));
    let messageId = '';
    client.on('submitted', (e) => (messageId = e.messageIds[0]!));
    await client.send({ to: '447700900123', text: 'hello', correlationId: 'otp-1' });
    await until(() => messageId !== '', 3000, 'the submit_sm_resp');
    return { conn: smsc.last, correlator, receipts, messageId };
  }

  it('keeps the entry through intermediate receipts and deletes it after the final one (by default)', async () => {
    const { conn, correlator, receipts, messageId } = await setUp();
    expect(correlator.size).toBe(1);

    receipt(conn, messageId, ESM_INTERMEDIATE, 'ENROUTE');
    await until(() => receipts.length === 1, 3000, 'the intermediate notification');
    expect(receipts[0]).toMatchObject({ correlationId: 'otp-1', receipt: { final: false } });
    expect(correlator.size).toBe(1);

    receipt(conn, messageId, ESM_RECEIPT, 'DELIVRD');
    await until(() => receipts.length === 2, 3000, 'the final receipt');
    expect(receipts[1]).toMatchObject({ correlationId: 'otp-1', receipt: { final: true, state: 'DELIVRD' } });
    expect(correlator.size).toBe(0);

    // An SMSC repeating the final receipt: acknowledged, then reported without a correlation id once the early
    // receipt hold (it might have overtaken a response) runs out.
    receipt(conn, messageId, ESM_RECEIPT, 'DELIVRD');
    await until(() => receipts.length === 3, 3000, 'the repeated receipt');
    expect(receipts[2]!.correlationId).toBeUndefined();
    expect(receipts[2]!.heldMs).toBeGreaterThanOrEqual(200);
    expect(receipts[2]!.receipt.messageId).toBe(messageId);
  });

  it('keeps the entry after the final receipt with correlation.keepAfterFinalReceipt', async () => {
    const { conn, correlator, receipts, messageId } = await setUp(true);
    receipt(conn, messageId, ESM_RECEIPT, 'UNDELIV');
    receipt(conn, messageId, ESM_RECEIPT, 'UNDELIV');
    await until(() => receipts.length === 2, 3000, 'both receipts');
    expect(receipts.map((r) => r.correlationId)).toEqual(['otp-1', 'otp-1']);
    expect(correlator.size).toBe(1);
  });
});
