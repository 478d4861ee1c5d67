import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { createRequire } from 'node:module';
import type net from 'node:net';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { DeliveryReceiptEvent, FailedEvent } from '../../lib/client/client-events.interface.js';
import { SubmitError } from '../../lib/client/errors/submit.error.js';
import { PASSWORD, startClient, until } from './client-test-helpers.js';

/** The slice of node-smpp 0.5.1's server API used here (the package ships no types). */
interface NodeSmppPdu {
  command: string;
  sequence_number: number;
  password?: string;
  destination_addr?: string;
  source_addr?: string;
  response(options?: Record<string, unknown>): NodeSmppPdu;
}
interface NodeSmppSession {
  on(event: string, listener: (pdu: NodeSmppPdu) => void): void;
  send(pdu: NodeSmppPdu): void;
  deliver_sm(options: Record<string, unknown>, callback?: (pdu: NodeSmppPdu) => void): void;
  close(): void;
}
const smpp = createRequire(import.meta.url)('smpp') as {
  createServer(listener: (session: NodeSmppSession) => void): net.Server;
};

describe('SmppClient against the smpp npm package (node-smpp 0.5.1) as the SMSC', () => {
  let server: net.Server;
  let port: number;
  let client: SmppClient;
  let nextId = 0xab0;

  beforeAll(async () => {
    server = smpp.createServer((session) => {
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu) =>
        session.send(
          pdu.password === PASSWORD
            ? pdu.response({ system_id: 'NODESMPP' })
            : pdu.response({ command_status: 0x0e }),
        ),
      );
      session.on('submit_sm', (pdu) => {
        if (pdu.destination_addr === '000') {
          session.send(pdu.response({ command_status: 0x0b })); // ESME_RINVDSTADR
          return;
        }
        // Upper case with zero padding in the response, lower case without in the receipt (SMPP.md §receipts).
        const id = (nextId++).toString(16).toUpperCase();
        session.send(pdu.response({ message_id: `000${id}` }));
        const text = `id:${id.toLowerCase()} sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:hello`;
        setImmediate(() =>
          session.deliver_sm({
            source_addr: pdu.destination_addr,
            destination_addr: pdu.source_addr,
            esm_class: 0x04,
            short_message: Buffer.from(text),
          }),
        );
      });
      session.on('enquire_link', (pdu) => session.send(pdu.response()));
      session.on('unbind', (pdu) => {
        session.send(pdu.response());
        session.close();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('binds, submits, and ties the receipt to the correlationId despite id case and padding', async () => {
    client = await startClient({ port });
    const receipts: DeliveryReceiptEvent[] = [];
    client.on('deliveryReceipt', (e) => receipts.push(e));
    await client.waitUntilBound(2000);
    expect(client.stats().systemId).toBe('NODESMPP');
    const result = await client.submit({ to: '447700900123', text: 'hello', correlationId: 'n-1' });
    expect(result.messageIds[0]).toMatch(/^000[0-9A-F]+$/);
    await client.send({ to: '447700900123', text: 'hello again', correlationId: 'n-2' });
    await until(() => receipts.length === 2, 3000, 'receipts');
    expect(receipts.map((r) => r.correlationId).sort()).toEqual(['n-1', 'n-2']);
    expect(receipts[0].receipt.state).toBe('DELIVRD');
  });

  it('reports a rejection with its status name: SubmitError from submit(), a failed event from send()', async () => {
    client = await startClient({ port });
    await client.waitUntilBound(2000);
    const error = await client.submit({ to: '000', text: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitError);
    expect(error).toMatchObject({ statusName: 'ESME_RINVDSTADR', commandStatus: 0x0b });
    expect((error as Error).message).toBe('submit_sm rejected: ESME_RINVDSTADR (0x0000000B)');

    const failed: FailedEvent[] = [];
    client.on('failed', (e) => failed.push(e));
    await client.send({ to: '000', text: 'nope', correlationId: 'bad' });
    await until(() => failed.length === 1, 2000, 'failure');
    expect(failed[0]).toMatchObject({
      correlationId: 'bad',
      reason: 'ESME_RINVDSTADR',
      commandStatus: 0x0b,
      attempts: 1,
    });
    expect(client.stats().failedByStatus).toEqual({ ESME_RINVDSTADR: 2 });
  });
});
