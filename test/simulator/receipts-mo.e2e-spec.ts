import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultTextCodecs } from '../../lib/protocol/encoding/index.js';
import { PduFramer, decodePdu, encodePdu, type DeliverSm } from '../../lib/protocol/index.js';
import { SmscSimulator, type SmscSimulatorOptions } from '../../lib/simulator/index.js';
import { RawTestClient } from './raw-test-client.js';

const RECEIPT_TEXT =
  /^id:(\w+) sub:001 dlvrd:(00[01]) submit date:\d{10} done date:\d{10} stat:([A-Z]{7}) err:(\d{3}) text:(.*)$/;

let sim: SmscSimulator;
const clients: RawTestClient[] = [];
async function startWith(options: SmscSimulatorOptions): Promise<void> {
  sim = await SmscSimulator.start(options);
}
async function bind(
  command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver',
  systemId = 'esme',
): Promise<RawTestClient> {
  const client = await RawTestClient.bound(sim.port, command, { system_id: systemId });
  clients.push(client);
  return client;
}
async function submit(client: RawTestClient, text: string, registered_delivery = 1): Promise<string> {
  const resp = await client.request({
    command: 'submit_sm',
    source_addr: '1234',
    destination_addr: '447700900123',
    registered_delivery,
    short_message: Buffer.from(text),
  });
  if (resp.command !== 'submit_sm_resp' || resp.command_status !== 0) throw new Error('submit refused');
  return resp.message_id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await sim.stop();
});

describe('naz-smsc delivery receipts (SMPP 3.4 §5.2.17, Appendix B)', () => {
  it('sends a DELIVRD receipt on the transceiver: esm_class 0x04, swapped addresses, TLVs and the standard text', async () => {
    await startWith({ receipts: { delayMs: 20 } });
    const trx = await bind('bind_transceiver');
    const messageId = await submit(trx, 'Hello receipts, this is long');
    const receipt = await trx.waitFor('deliver_sm');
    expect(receipt).toMatchObject({
      esm_class: 0x04,
      source_addr: '447700900123',
      destination_addr: '1234',
      tlvs: { receipted_message_id: messageId, message_state: 2 },
    });
    expect(receipt.tlvs?.network_error_code).toBeUndefined();
    const match = RECEIPT_TEXT.exec(receipt.short_message.toString('latin1'));
    expect(match?.slice(1)).toEqual([messageId, '001', 'DELIVRD', '000', 'Hello receipts, this']);
    expect(sim.stats().receiptsSent).toBe(1);
  });

  it('sends immediate receipts (delay 0) right behind their submit_sm_resp, in the same write', async () => {
    await startWith({ receipts: { delayMs: 0 } });
    const trx = await bind('bind_transceiver');
    const chunks: Buffer[] = [];
    trx.socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Five submits in one write: the simulator reads them at once and answers in one write.
    const batch = Array.from({ length: 5 }, (_, i) =>
      encodePdu({
        command: 'submit_sm',
        sequence_number: 100 + i,
        source_addr: '1234',
        destination_addr: '447700900123',
        registered_delivery: 1,
        short_message: Buffer.from(`immediate ${i}`),
      }),
    );
    trx.writeRaw(Buffer.concat(batch));
    await trx.waitForCount('deliver_sm', 5);
    const commands = new PduFramer().push(chunks[0]!).map((frame) => decodePdu(frame).command);
    expect(commands).toEqual([...Array(5).fill('submit_sm_resp'), ...Array(5).fill('deliver_sm')]);
    const ids = trx.ofCommand('submit_sm_resp').map((r) => r.message_id);
    expect(trx.ofCommand('deliver_sm').map((d) => d.tlvs?.receipted_message_id)).toEqual(ids);
    // The deliver_sm_resp of the five (this test client leaves Nagle on: the last ones wait for an ACK).
    for (let waited = 0; sim.stats().received.deliver_sm_resp !== 5 && waited < 2000; waited += 10)
      await sleep(10);
    const stats = sim.stats();
    expect(stats.receiptsSent).toBe(5);
    expect(stats.received.deliver_sm_resp).toBe(5);
    expect(stats.sent.deliver_sm).toBe(5);
  });

  it('reports failures with network_error_code and err, and the message is final in query_sm', async () => {
    await startWith({ receipts: { delayMs: 0, states: { UNDELIV: 1 } } });
    const trx = await bind('bind_transceiver');
    const messageId = await submit(trx, 'x');
    const receipt = await trx.waitFor('deliver_sm');
    expect(receipt.tlvs).toMatchObject({ receipted_message_id: messageId, message_state: 5 });
    expect([...(receipt.tlvs?.network_error_code ?? [])]).toEqual([3, 0, 1]);
    expect(receipt.short_message.toString()).toContain('stat:UNDELIV err:001');
    const query = await trx.request({ command: 'query_sm', message_id: messageId });
    expect(query).toMatchObject({ message_state: 5, error_code: 1 });
  });

  it('follows the configured mix of final states', async () => {
    await startWith({ receipts: { delayMs: 0, states: { DELIVRD: 0.5, EXPIRED: 0.5 } } });
    const trx = await bind('bind_transceiver');
    await Promise.all(Array.from({ length: 400 }, (_, i) => submit(trx, `m${i}`)));
    const receipts = await trx.waitForCount('deliver_sm', 400);
    const delivered = receipts.filter((r) => r.tlvs?.message_state === 2).length;
    const expired = receipts.filter((r) => r.tlvs?.message_state === 3).length;
    expect(delivered + expired).toBe(400);
    // Binomial(400, 0.5): 140..260 holds with probability > 1 - 1e-9.
    expect(delivered).toBeGreaterThan(140);
    expect(expired).toBeGreaterThan(140);
  });

  it('sends no receipt when registered_delivery is 0, or 2 (failure only) and the message was delivered', async () => {
    await startWith({ receipts: { delayMs: 0 } });
    const trx = await bind('bind_transceiver');
    await submit(trx, 'none', 0);
    await submit(trx, 'failure only', 2);
    const marker = await submit(trx, 'marker', 1);
    const receipt = await trx.waitFor('deliver_sm');
    expect(receipt.tlvs?.receipted_message_id).toBe(marker);
    await new Promise((r) => setTimeout(r, 50));
    expect(trx.ofCommand('deliver_sm')).toHaveLength(1);
  });

  it('routes the receipt of a transmitter submit to a receiver bind of the same system_id', async () => {
    await startWith({ receipts: { delayMs: 10 } });
    const rx = await bind('bind_receiver', 'split');
    const other = await bind('bind_receiver', 'someone-else');
    const tx = await bind('bind_transmitter', 'split');
    const messageId = await submit(tx, 'routed');
    const receipt = await rx.waitFor('deliver_sm');
    expect(receipt.tlvs?.receipted_message_id).toBe(messageId);
    expect(other.ofCommand('deliver_sm')).toHaveLength(0);
    expect(tx.ofCommand('deliver_sm')).toHaveLength(0);
  });

  it('holds receipts until a receiving session of that system_id binds', async () => {
    await startWith({ receipts: { delayMs: 0 } });
    const tx = await bind('bind_transmitter', 'late');
    const messageId = await submit(tx, 'held');
    await new Promise((r) => setTimeout(r, 30));
    expect(sim.stats().receiptsPending).toBe(1);
    const rx = await bind('bind_receiver', 'late');
    const receipt = await rx.waitFor('deliver_sm');
    expect(receipt.tlvs?.receipted_message_id).toBe(messageId);
  });

  it("sends one receipt per part of a long message, each with that part's id", async () => {
    await startWith({ receipts: { delayMs: 0 } });
    const trx = await bind('bind_transceiver');
    const ids: string[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const resp = await trx.request({
        command: 'submit_sm',
        destination_addr: '447700900123',
        esm_class: 0x40,
        registered_delivery: 1,
        short_message: Buffer.concat([Buffer.from([5, 0, 3, 9, 3, seq]), Buffer.from(`part ${seq}`)]),
      });
      ids.push(resp.command === 'submit_sm_resp' ? resp.message_id : '');
    }
    const receipts = await trx.waitForCount('deliver_sm', 3);
    expect(receipts.map((r) => r.tlvs?.receipted_message_id).sort()).toEqual([...ids].sort());
    expect(receipts[0].short_message.toString()).toMatch(/text:part \d$/);
  });

  it('sends one receipt per SME destination of a submit_multi', async () => {
    await startWith({ receipts: { delayMs: 0 } });
    const trx = await bind('bind_transceiver');
    await trx.request({
      command: 'submit_multi',
      source_addr: '1234',
      registered_delivery: 1,
      dest_addresses: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900002' },
      ],
      short_message: Buffer.from('multi'),
    });
    const receipts = await trx.waitForCount('deliver_sm', 2);
    expect(receipts.map((r) => r.source_addr).sort()).toEqual(['447700900001', '447700900002']);
  });

  it('sends no receipt for a message cancelled before its final state', async () => {
    await startWith({ receipts: { delayMs: 100 } });
    const trx = await bind('bind_transceiver');
    const cancelled = await submit(trx, 'cancel me');
    await trx.request({ command: 'cancel_sm', message_id: cancelled });
    const kept = await submit(trx, 'keep me');
    const receipt = await trx.waitFor('deliver_sm');
    expect(receipt.tlvs?.receipted_message_id).toBe(kept);
    await new Promise((r) => setTimeout(r, 150));
    expect(trx.ofCommand('deliver_sm')).toHaveLength(1);
  });
});

describe('naz-smsc deliver window', () => {
  it('keeps at most deliverWindow deliver_sm unanswered and sends the rest as answers come', async () => {
    await startWith({ deliverWindow: 2, receipts: { delayMs: 0 } });
    const trx = await RawTestClient.bound(sim.port, 'bind_transceiver', {}, { autoRespond: false });
    clients.push(trx);
    for (let i = 0; i < 5; i++) await submit(trx, `m${i}`);
    const first = await trx.waitForCount('deliver_sm', 2);
    await sleep(50);
    expect(trx.ofCommand('deliver_sm')).toHaveLength(2);
    expect(sim.stats().deliverSmQueued).toBe(3);
    for (const pdu of first) trx.send({ command: 'deliver_sm_resp', sequence_number: pdu.sequence_number });
    const four = await trx.waitForCount('deliver_sm', 4);
    for (const pdu of four.slice(2))
      trx.send({ command: 'deliver_sm_resp', sequence_number: pdu.sequence_number });
    const all = await trx.waitForCount('deliver_sm', 5);
    expect(new Set(all.map((p) => p.tlvs?.receipted_message_id)).size).toBe(5);
    expect(sim.stats().deliverSmQueued).toBe(0);
  });
});

/** Joins MO parts by UDH (8- or 16-bit reference) or SAR TLVs, independently of the library's reassembler. */
function joinParts(parts: DeliverSm[]): { text: string; total: number; references: Set<number> } {
  const pieces: { seq: number; total: number; ref: number; payload: Buffer; dataCoding: number }[] = [];
  for (const p of parts) {
    if ((p.esm_class & 0x40) !== 0) {
      const udhl = p.short_message[0];
      const iei = p.short_message[1];
      const ref = iei === 0x00 ? p.short_message[3] : p.short_message.readUInt16BE(3);
      const total = iei === 0x00 ? p.short_message[4] : p.short_message[5];
      const seq = iei === 0x00 ? p.short_message[5] : p.short_message[6];
      pieces.push({
        seq,
        total,
        ref,
        payload: p.short_message.subarray(udhl + 1),
        dataCoding: p.data_coding,
      });
    } else if (p.tlvs?.sar_msg_ref_num !== undefined) {
      pieces.push({
        seq: p.tlvs.sar_segment_seqnum ?? 0,
        total: p.tlvs.sar_total_segments ?? 0,
        ref: p.tlvs.sar_msg_ref_num,
        payload: p.short_message,
        dataCoding: p.data_coding,
      });
    } else {
      const payload =
        p.short_message.length > 0 ? p.short_message : (p.tlvs?.message_payload ?? Buffer.alloc(0));
      pieces.push({ seq: 1, total: 1, ref: -1, payload, dataCoding: p.data_coding });
    }
  }
  pieces.sort((a, b) => a.seq - b.seq);
  const bytes = Buffer.concat(pieces.map((p) => p.payload));
  return {
    text: defaultTextCodecs.decode(bytes, pieces[0].dataCoding).text ?? '',
    total: pieces[0].total,
    references: new Set(pieces.map((p) => p.ref)),
  };
}

describe('naz-smsc MO traffic', () => {
  const LONG = 'The quick brown fox jumps over the lazy dog. '.repeat(9).trim(); // 404 GSM characters

  it('sends a single MO deliver_sm (GSM, data_coding 0) to a receiving session', async () => {
    await startWith({});
    const rx = await bind('bind_receiver');
    expect(sim.sendMo({ text: 'Hi there @ £5', source_addr: '447700900777', destination_addr: '5555' })).toBe(
      1,
    );
    const mo = await rx.waitFor('deliver_sm');
    expect(mo).toMatchObject({
      esm_class: 0,
      data_coding: 0,
      source_addr: '447700900777',
      destination_addr: '5555',
    });
    expect(defaultTextCodecs.decode(mo.short_message, 0).text).toBe('Hi there @ £5');
    expect(sim.stats()).toMatchObject({ moSent: 1, moPdusSent: 1 });
  });

  it('chooses UCS-2 for text GSM cannot carry', async () => {
    await startWith({});
    const rx = await bind('bind_transceiver');
    sim.sendMo({ text: 'Привет 👋' });
    const mo = await rx.waitFor('deliver_sm');
    expect(mo.data_coding).toBe(8);
    expect(defaultTextCodecs.decode(mo.short_message, 8).text).toBe('Привет 👋');
  });

  it.each([
    ['udh8', 0x40],
    ['udh16', 0x40],
    ['sar', 0x00],
  ] as const)('splits a long MO with %s into parts that join back to the text', async (split, esmClass) => {
    await startWith({});
    const rx = await bind('bind_transceiver');
    const count = sim.sendMo({ text: LONG, split });
    expect(count).toBe(3);
    const parts = await rx.waitForCount('deliver_sm', 3);
    expect(parts.every((p) => p.esm_class === esmClass && p.short_message.length <= 160)).toBe(true);
    const joined = joinParts(parts);
    expect(joined).toMatchObject({ text: LONG, total: 3 });
    expect(joined.references.size).toBe(1);
  });

  it('sends a long MO as one message_payload when asked', async () => {
    await startWith({});
    const rx = await bind('bind_transceiver');
    expect(sim.sendMo({ text: LONG, split: 'payload' })).toBe(1);
    const mo = await rx.waitFor('deliver_sm');
    expect(mo.short_message).toHaveLength(0);
    expect(joinParts([mo]).text).toBe(LONG);
  });

  it('returns 0 when no session can receive, and counts the message', async () => {
    await startWith({});
    await bind('bind_transmitter');
    expect(sim.sendMo({ text: 'nobody' })).toBe(0);
    expect(sim.stats().moSent).toBe(1);
  });

  it('generates MO traffic at a rate, for a count, with text per index, to the named system_id only', async () => {
    await startWith({});
    const target = await bind('bind_receiver', 'target');
    const bystander = await bind('bind_receiver', 'bystander');
    const traffic = sim.startMoTraffic({
      rate: 500,
      count: 50,
      text: (i) => `msg ${i}`,
      system_id: 'target',
    });
    await traffic.done;
    const mos = await target.waitForCount('deliver_sm', 50);
    expect(mos.map((m) => m.short_message.toString())).toEqual(
      Array.from({ length: 50 }, (_, i) => `msg ${i}`),
    );
    expect(bystander.ofCommand('deliver_sm')).toHaveLength(0);
    expect(traffic.sent).toBe(50);
  });

  it('starts MO traffic from the start options and rejects a rate of 0', async () => {
    await expect(SmscSimulator.start({ mo: { rate: 0 } })).rejects.toThrow(/rate 0/);
    await startWith({ mo: { rate: 200, text: 'tick' } });
    const rx = await bind('bind_receiver');
    const mos = await rx.waitForCount('deliver_sm', 5);
    expect(mos[0].short_message.toString()).toBe('tick');
  });
});
