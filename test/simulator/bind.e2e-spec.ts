import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandStatus } from '../../lib/protocol/index.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { RawTestClient } from './raw-test-client.js';

describe('naz-smsc binds (SMPP 3.4 §4.1)', () => {
  let sim: SmscSimulator;
  const clients: RawTestClient[] = [];
  const open = async (): Promise<RawTestClient> => {
    const client = await RawTestClient.connect(sim.port);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    sim = await SmscSimulator.start({ credentials: [{ system_id: 'esme1', password: 'secret' }] });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await sim.stop();
  });

  it('listens on 127.0.0.1 and a free port when started with port 0', () => {
    expect(sim.host).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.address).toBe(`127.0.0.1:${sim.port}`);
  });

  it.each(['bind_transmitter', 'bind_receiver', 'bind_transceiver'] as const)(
    'accepts %s with good credentials and answers with its system_id and sc_interface_version',
    async (command) => {
      const client = await open();
      const resp = await client.request({
        command,
        system_id: 'esme1',
        password: 'secret',
        interface_version: 0x34,
      });
      expect(resp).toMatchObject({
        command: `${command}_resp`,
        command_status: CommandStatus.ESME_ROK,
        system_id: 'naz-smsc',
        tlvs: { sc_interface_version: 0x34 },
      });
      expect(sim.sessions.some((s) => s.systemId === 'esme1' && s.bindType === command.slice(5))).toBe(true);
    },
  );

  it('refuses a wrong password with ESME_RINVPASWD', async () => {
    const client = await open();
    const resp = await client.request({ command: 'bind_transceiver', system_id: 'esme1', password: 'wrong' });
    expect(resp.command).toBe('bind_transceiver_resp');
    expect(resp.command_status).toBe(CommandStatus.ESME_RINVPASWD);
  });

  it('refuses an unknown system_id with ESME_RINVSYSID', async () => {
    const client = await open();
    const resp = await client.request({
      command: 'bind_transmitter',
      system_id: 'nobody',
      password: 'secret',
    });
    expect(resp.command_status).toBe(CommandStatus.ESME_RINVSYSID);
  });

  it('answers a second bind on one connection with ESME_RALYBND', async () => {
    const client = await open();
    await client.request({ command: 'bind_transmitter', system_id: 'esme1', password: 'secret' });
    const again = await client.request({ command: 'bind_receiver', system_id: 'esme1', password: 'secret' });
    expect(again.command).toBe('bind_receiver_resp');
    expect(again.command_status).toBe(CommandStatus.ESME_RALYBND);
  });

  it.each([
    [
      'submit_sm',
      { command: 'submit_sm', destination_addr: '447700900123', short_message: Buffer.from('hi') },
    ],
    ['query_sm', { command: 'query_sm', message_id: '1' }],
    ['unbind', { command: 'unbind' }],
  ] as const)('answers %s before bind with ESME_RINVBNDSTS', async (name, pdu) => {
    const client = await open();
    const resp = await client.request(pdu);
    expect(resp.command).toBe(`${name}_resp`);
    expect(resp.command_status).toBe(CommandStatus.ESME_RINVBNDSTS);
  });

  it('answers enquire_link before bind (§4.11: allowed in any state)', async () => {
    const client = await open();
    const resp = await client.request({ command: 'enquire_link' });
    expect(resp).toMatchObject({ command: 'enquire_link_resp', command_status: 0 });
  });

  it('refuses submit_sm on a receiver bind with ESME_RINVBNDSTS', async () => {
    const client = await open();
    await client.request({ command: 'bind_receiver', system_id: 'esme1', password: 'secret' });
    const resp = await client.request({
      command: 'submit_sm',
      destination_addr: '1',
      short_message: Buffer.from('x'),
    });
    expect(resp.command_status).toBe(CommandStatus.ESME_RINVBNDSTS);
  });

  it('answers unbind with unbind_resp and closes the connection', async () => {
    const client = await open();
    await client.request({ command: 'bind_transceiver', system_id: 'esme1', password: 'secret' });
    const resp = await client.request({ command: 'unbind' });
    expect(resp).toMatchObject({ command: 'unbind_resp', command_status: 0 });
    await client.closedPromise;
    expect(client.closed).toBe(true);
  });

  it('counts binds, refusals and statuses in stats()', () => {
    const stats = sim.stats();
    expect(stats.binds.transceiver).toBeGreaterThanOrEqual(1);
    expect(stats.binds.failed).toBe(2);
    expect(stats.statuses.ESME_RINVPASWD).toBe(1);
    expect(stats.statuses.ESME_RALYBND).toBe(1);
    expect(stats.received.bind_transmitter).toBeGreaterThanOrEqual(2);
  });
});
