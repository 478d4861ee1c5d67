/**
 * Interop: node-smpp (the `smpp` package, 0.5.1), an independent implementation, as the ESME against our simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { CommandStatus } from '../../lib/protocol/index.js';
import { SmscSimulator } from '../../lib/simulator/index.js';

const smpp = createRequire(import.meta.url)('smpp');

/** Calls a node-smpp session method and resolves with the response PDU. */
function call(session: any, method: string, options: Record<string, unknown>): Promise<any> {
  return new Promise((resolve) => session[method](options, (pdu: any) => resolve(pdu)));
}

describe('node-smpp client against naz-smsc', () => {
  let sim: SmscSimulator;
  let session: any;
  const delivered: any[] = [];
  const waitForDeliver = async (predicate: (pdu: any) => boolean, timeoutMs = 3000): Promise<any> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = delivered.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching deliver_sm; got ${delivered.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    sim = await SmscSimulator.start({
      credentials: [{ system_id: 'nodesmpp', password: 'pw' }],
      receipts: { delayMs: 20 },
    });
    session = smpp.connect({ url: sim.url });
    session.on('error', () => undefined);
    session.on('deliver_sm', (pdu: any) => {
      delivered.push(pdu);
      session.send(pdu.response());
    });
    await new Promise((resolve) => session.on('connect', resolve));
  });
  afterAll(async () => {
    session.destroy();
    await sim.stop();
  });

  it('binds as a transceiver', async () => {
    const resp = await call(session, 'bind_transceiver', { system_id: 'nodesmpp', password: 'pw' });
    expect(resp.command_status).toBe(0);
    expect(resp.system_id).toBe('naz-smsc');
  });

  it('submits, gets a message id, and receives the delivery receipt for it', async () => {
    const resp = await call(session, 'submit_sm', {
      source_addr: '1234',
      destination_addr: '447700900123',
      registered_delivery: 1,
      data_coding: 0,
      short_message: Buffer.from('interop hello'),
    });
    expect(resp.command_status).toBe(0);
    expect(resp.message_id).toMatch(/^\d+$/);
    const receipt = await waitForDeliver((p) => p.receipted_message_id === resp.message_id);
    expect(receipt.esm_class).toBe(0x04);
    expect(receipt.message_state).toBe(2);
    expect(receipt.source_addr).toBe('447700900123');
    expect(receipt.short_message.message).toMatch(
      new RegExp(`^id:${resp.message_id} sub:001 dlvrd:001 .* stat:DELIVRD err:000 text:interop hello$`),
    );
  });

  it('receives an MO deliver_sm as text', async () => {
    sim.sendMo({ text: 'MO from the simulator', source_addr: '447700900999' });
    const mo = await waitForDeliver((p) => p.source_addr === '447700900999');
    expect(mo.esm_class).toBe(0);
    expect(mo.short_message.message).toBe('MO from the simulator');
  });

  it('receives a long MO as UDH parts node-smpp splits into udh and message', async () => {
    const text = 'Long message for node-smpp. '.repeat(8).trim();
    expect(sim.sendMo({ text, source_addr: '447700900888', split: 'udh8' })).toBe(2);
    await waitForDeliver((p) => p.source_addr === '447700900888' && p.short_message.udh?.[0]?.[4] === 2);
    const parts = delivered.filter((p) => p.source_addr === '447700900888');
    expect(parts).toHaveLength(2);
    const joined = parts
      .sort((a, b) => a.short_message.udh[0][4] - b.short_message.udh[0][4])
      .map((p) => p.short_message.message)
      .join('');
    expect(joined).toBe(text);
  });

  it('gets header-only error responses it can read (ESME_RTHROTTLED)', async () => {
    sim.setFaults({ throttleEveryNth: 1 });
    try {
      const resp = await call(session, 'submit_sm', {
        destination_addr: '1',
        short_message: Buffer.from('x'),
      });
      expect(resp.command_status).toBe(CommandStatus.ESME_RTHROTTLED);
    } finally {
      sim.setFaults({ throttleEveryNth: undefined }); // the next tests share the simulator
    }
  });

  it('queries a message and unbinds', async () => {
    sim.setReceipts({ delayMs: 60_000 });
    const submitted = await call(session, 'submit_sm', {
      destination_addr: '447700900123',
      short_message: Buffer.from('q'),
    });
    const query = await call(session, 'query_sm', { message_id: submitted.message_id });
    expect(query.command_status).toBe(0);
    expect(query.message_state).toBe(1);
    const unbind = await call(session, 'unbind', {});
    expect(unbind.command_status).toBe(0);
  });
});
