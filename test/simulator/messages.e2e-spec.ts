import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandId, CommandStatus, encodePdu } from '../../lib/protocol/index.js';
import { SmscSimulator, type SubmittedMessage } from '../../lib/simulator/index.js';
import { RawTestClient, rawHeader } from './raw-test-client.js';

const submit = (text: string, extra: Record<string, unknown> = {}) =>
  ({
    command: 'submit_sm',
    source_addr: '1234',
    destination_addr: '447700900123',
    short_message: Buffer.from(text),
    ...extra,
  }) as const;

describe('naz-smsc request handling (SMPP 3.4 §4.4-§4.10)', () => {
  let sim: SmscSimulator;
  let client: RawTestClient;

  beforeAll(async () => {
    // A long final delay keeps messages ENROUTE so cancel_sm and replace_sm can act on them.
    sim = await SmscSimulator.start({ receipts: { delayMs: 60_000 } });
    client = await RawTestClient.bound(sim.port, 'bind_transmitter');
  });
  afterAll(async () => {
    client.close();
    await sim.stop();
  });

  it('answers 1000 pipelined submit_sm with unique decimal message ids, in order', async () => {
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => client.request(submit(`m${i}`))),
    );
    const ids = responses.map((r) => (r.command === 'submit_sm_resp' ? r.message_id : ''));
    expect(responses.every((r) => r.command === 'submit_sm_resp' && r.command_status === 0)).toBe(true);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => /^[0-9]+$/.test(id))).toBe(true);
    expect(sim.stats().submitsAccepted).toBeGreaterThanOrEqual(1000);
  });

  it('reports query_sm of an ENROUTE message, then cancels it (DELETED), then refuses a second cancel', async () => {
    const resp = await client.request(submit('to cancel'));
    const messageId = resp.command === 'submit_sm_resp' ? resp.message_id : '';
    const query = await client.request({ command: 'query_sm', message_id: messageId, source_addr: '1234' });
    expect(query).toMatchObject({
      command: 'query_sm_resp',
      command_status: 0,
      message_id: messageId,
      message_state: 1,
      final_date: '',
    });
    const cancel = await client.request({
      command: 'cancel_sm',
      message_id: messageId,
      source_addr: '1234',
      destination_addr: '447700900123',
    });
    expect(cancel).toMatchObject({ command: 'cancel_sm_resp', command_status: 0 });
    const after = await client.request({ command: 'query_sm', message_id: messageId });
    expect(after).toMatchObject({ message_state: 4 });
    expect(after.command === 'query_sm_resp' && after.final_date).toMatch(/^\d{12}000\+$/);
    const again = await client.request({ command: 'cancel_sm', message_id: messageId });
    expect(again.command_status).toBe(CommandStatus.ESME_RCANCELFAIL);
    expect(sim.messages.get(messageId)?.state).toBe('DELETED');
  });

  it('answers query_sm / cancel_sm / replace_sm of an unknown id with ESME_RINVMSGID', async () => {
    for (const pdu of [
      { command: 'query_sm', message_id: '999999999' },
      { command: 'cancel_sm', message_id: '999999999' },
      { command: 'replace_sm', message_id: 'not-an-id', short_message: Buffer.from('x') },
    ] as const) {
      const resp = await client.request(pdu);
      expect(resp.command).toBe(`${pdu.command}_resp`);
      expect(resp.command_status).toBe(CommandStatus.ESME_RINVMSGID);
    }
  });

  it('refuses query_sm whose source_addr differs from the original with ESME_RINVSRCADR', async () => {
    const resp = await client.request(submit('q'));
    const messageId = resp.command === 'submit_sm_resp' ? resp.message_id : '';
    const query = await client.request({ command: 'query_sm', message_id: messageId, source_addr: '9999' });
    expect(query.command_status).toBe(CommandStatus.ESME_RINVSRCADR);
  });

  it('replaces the short_message of an ENROUTE message', async () => {
    const resp = await client.request(submit('before'));
    const messageId = resp.command === 'submit_sm_resp' ? resp.message_id : '';
    const replace = await client.request({
      command: 'replace_sm',
      message_id: messageId,
      source_addr: '1234',
      short_message: Buffer.from('after'),
    });
    expect(replace).toMatchObject({ command: 'replace_sm_resp', command_status: 0 });
    const stored = sim.messages.get(messageId);
    expect(stored?.pdu.command).toBe('submit_sm');
    expect(stored?.pdu.command === 'submit_sm' && stored.pdu.short_message.toString()).toBe('after');
  });

  it('cancels by source and destination when message_id is empty (§4.9.1)', async () => {
    await client.request(submit('a', { destination_addr: '447700900555' }));
    await client.request(submit('b', { destination_addr: '447700900555' }));
    const cancel = await client.request({
      command: 'cancel_sm',
      message_id: '',
      source_addr: '1234',
      destination_addr: '447700900555',
    });
    expect(cancel.command_status).toBe(0);
    const none = await client.request({
      command: 'cancel_sm',
      message_id: '',
      source_addr: '1234',
      destination_addr: '447700900555',
    });
    expect(none.command_status).toBe(CommandStatus.ESME_RCANCELFAIL);
  });

  it('accepts submit_multi and lists distribution lists as unsuccessful (ESME_RINVDLNAME)', async () => {
    const resp = await client.request({
      command: 'submit_multi',
      source_addr: '1234',
      dest_addresses: [
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900001' },
        { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900002' },
        { dest_flag: 2, dl_name: 'friends' },
      ],
      short_message: Buffer.from('hello all'),
    });
    expect(resp.command).toBe('submit_multi_resp');
    expect(resp.command_status).toBe(0);
    if (resp.command !== 'submit_multi_resp') return;
    expect(resp.message_id).toMatch(/^\d+$/);
    expect(resp.unsuccess_sme).toEqual([
      {
        dest_addr_ton: 0,
        dest_addr_npi: 0,
        destination_addr: 'friends',
        error_status_code: CommandStatus.ESME_RINVDLNAME,
      },
    ]);
  });

  it('accepts data_sm with a message_payload and answers data_sm_resp with a message id', async () => {
    const resp = await client.request({
      command: 'data_sm',
      source_addr: '1234',
      destination_addr: '447700900123',
      tlvs: { message_payload: Buffer.from('payload text') },
    });
    expect(resp.command).toBe('data_sm_resp');
    expect(resp.command_status).toBe(0);
    const id = resp.command === 'data_sm_resp' ? resp.message_id : '';
    expect(sim.messages.get(id)?.pdu.command).toBe('data_sm');
  });

  it('answers submit_sm without destination_addr with ESME_RINVDSTADR', async () => {
    const resp = await client.request(submit('x', { destination_addr: '' }));
    expect(resp.command_status).toBe(CommandStatus.ESME_RINVDSTADR);
  });

  it('answers an unknown command_id with generic_nack ESME_RINVCMDID and stays usable', async () => {
    client.writeRaw(rawHeader(16, 0x000001fe, 77001));
    const nack = await client.waitFor('generic_nack', (p) => p.sequence_number === 77001);
    expect(nack.command_status).toBe(CommandStatus.ESME_RINVCMDID);
    const ok = await client.request({ command: 'enquire_link' });
    expect(ok.command_status).toBe(0);
  });

  it('answers deliver_sm sent by an ESME with generic_nack ESME_RINVCMDID (an SMSC does not accept it)', async () => {
    const resp = await client.request({
      command: 'deliver_sm',
      destination_addr: '1',
      short_message: Buffer.from('x'),
    });
    expect(resp).toMatchObject({ command: 'generic_nack', command_status: CommandStatus.ESME_RINVCMDID });
  });

  it('answers a submit_sm whose body is cut short with submit_sm_resp and an error status, and stays usable', async () => {
    // service_type "", ton, npi, then source_addr without its NUL: the body ends inside a C-Octet String.
    const body = Buffer.from([0x00, 0x01, 0x01, 0x31, 0x32]);
    client.writeRaw(rawHeader(16 + body.length, CommandId.submit_sm, 77002, body));
    const resp = await client.waitFor('submit_sm_resp', (p) => p.sequence_number === 77002);
    expect(resp.command_status).not.toBe(0);
    expect(sim.stats().decodeErrors).toBeGreaterThanOrEqual(1);
    expect((await client.request({ command: 'enquire_link' })).command_status).toBe(0);
  });

  it('answers sm_length 255 (§5.2.21: not allowed) with an error response', async () => {
    const frame = encodePdu({ ...submit('x'), sequence_number: 77003 });
    const smLengthAt = frame.length - 2; // the byte before the 1-octet short_message
    frame[smLengthAt] = 255;
    client.writeRaw(frame);
    const resp = await client.waitFor('submit_sm_resp', (p) => p.sequence_number === 77003);
    expect(resp.command_status).not.toBe(0);
  });
});

describe('naz-smsc message ids and the submit event', () => {
  let sim: SmscSimulator;
  let client: RawTestClient;
  afterEach(async () => {
    client.close();
    await sim.stop();
  });

  it('hands out hex ids when configured, and query_sm finds them in either case', async () => {
    sim = await SmscSimulator.start({
      messageIdFormat: 'hex',
      messageIdStart: 0xabcdef0,
      receipts: { delayMs: 60_000 },
    });
    client = await RawTestClient.bound(sim.port, 'bind_transceiver');
    const first = await client.request(submit('a'));
    const second = await client.request(submit('b'));
    expect(first).toMatchObject({ message_id: 'abcdef0' });
    expect(second).toMatchObject({ message_id: 'abcdef1' });
    const query = await client.request({ command: 'query_sm', message_id: 'ABCDEF1' });
    expect(query).toMatchObject({ command_status: 0, message_state: 1 });
  });

  it('emits submit with the decoded PDU for every accepted message', async () => {
    sim = await SmscSimulator.start();
    const seen: SubmittedMessage[] = [];
    sim.on('submit', (m) => seen.push(m));
    client = await RawTestClient.bound(sim.port, 'bind_transmitter', { system_id: 'counter' });
    const resp = await client.request(submit('héllo', { esm_class: 0x40 }));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      systemId: 'counter',
      messageId: resp.command === 'submit_sm_resp' ? resp.message_id : '?',
    });
    expect(seen[0].pdu).toMatchObject({
      command: 'submit_sm',
      esm_class: 0x40,
      destination_addr: '447700900123',
    });
  });

  it('evicts the oldest message when the store is full', async () => {
    sim = await SmscSimulator.start({ storeCapacity: 2 });
    client = await RawTestClient.bound(sim.port, 'bind_transmitter');
    const ids: string[] = [];
    for (const text of ['1', '2', '3']) {
      const r = await client.request(submit(text));
      ids.push(r.command === 'submit_sm_resp' ? r.message_id : '');
    }
    expect(sim.messages.get(ids[0])).toBeUndefined();
    expect(sim.messages.get(ids[2])?.pdu.command).toBe('submit_sm');
    expect(sim.messages.size).toBe(2);
  });
});

describe('naz-smsc framing errors (§3.2.2)', () => {
  it('answers a command_length above the maximum with generic_nack ESME_RINVCMDLEN and closes', async () => {
    const sim = await SmscSimulator.start({ maxCommandLength: 1024 });
    const client = await RawTestClient.connect(sim.port);
    client.writeRaw(rawHeader(0x7fffffff, CommandId.enquire_link, 42));
    const nack = await client.waitFor('generic_nack');
    expect(nack).toMatchObject({ command_status: CommandStatus.ESME_RINVCMDLEN, sequence_number: 42 });
    await client.closedPromise;
    await sim.stop();
  });

  it('answers a command_length below 16 with generic_nack ESME_RINVCMDLEN and closes', async () => {
    const sim = await SmscSimulator.start();
    const client = await RawTestClient.connect(sim.port);
    client.writeRaw(rawHeader(8, CommandId.enquire_link, 43));
    const nack = await client.waitFor('generic_nack');
    expect(nack.command_status).toBe(CommandStatus.ESME_RINVCMDLEN);
    await client.closedPromise;
    await sim.stop();
  });
});
