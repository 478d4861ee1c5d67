import { afterEach, describe, expect, it } from '@jest/globals';
import { CommandStatus, type Pdu } from '../../lib/protocol/index.js';
import { SmscSimulator, type SmscSimulatorOptions } from '../../lib/simulator/index.js';
import { RawTestClient, type RawClientOptions } from './raw-test-client.js';

let sim: SmscSimulator;
const clients: RawTestClient[] = [];
async function setup(
  options: SmscSimulatorOptions = {},
  clientOptions: RawClientOptions = {},
): Promise<RawTestClient> {
  sim = await SmscSimulator.start(options);
  const client = await RawTestClient.bound(sim.port, 'bind_transceiver', {}, clientOptions);
  clients.push(client);
  return client;
}
const submitPdu = {
  command: 'submit_sm',
  destination_addr: '447700900123',
  short_message: Buffer.from('x'),
} as const;
const statuses = (responses: Pdu[]): number[] => responses.map((r) => r.command_status);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await sim.stop();
});

describe('naz-smsc fault switches', () => {
  it('throttleEveryNth answers every Nth submit with ESME_RTHROTTLED, switched on and off at run time', async () => {
    const client = await setup();
    sim.setFaults({ throttleEveryNth: 3 });
    const first = await Promise.all(Array.from({ length: 6 }, () => client.request(submitPdu)));
    const T = CommandStatus.ESME_RTHROTTLED;
    expect(statuses(first)).toEqual([0, 0, T, 0, 0, T]);
    sim.setFaults({ throttleEveryNth: undefined });
    const after = await Promise.all(Array.from({ length: 6 }, () => client.request(submitPdu)));
    expect(statuses(after)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(sim.stats().faults.throttled).toBe(2);
    expect(sim.stats().statuses.ESME_RTHROTTLED).toBe(2);
  });

  it('throttleAboveRate refuses submits beyond the rate (one-second bucket), set at start', async () => {
    const client = await setup({ faults: { throttleAboveRate: 10 } });
    const responses = await Promise.all(Array.from({ length: 30 }, () => client.request(submitPdu)));
    const accepted = responses.filter((r) => r.command_status === 0).length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(12);
    expect(responses.filter((r) => r.command_status === CommandStatus.ESME_RTHROTTLED)).toHaveLength(
      30 - accepted,
    );
  });

  it('queueFullEveryNth answers with ESME_RMSGQFUL (1 = always), for submit_sm, data_sm and submit_multi', async () => {
    const client = await setup({ faults: { queueFullEveryNth: 1 } });
    const responses = await Promise.all([
      client.request(submitPdu),
      client.request({ command: 'data_sm', destination_addr: '447700900123' }),
      client.request({
        command: 'submit_multi',
        dest_addresses: [
          { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123' },
        ],
      }),
    ]);
    expect(statuses(responses)).toEqual(Array(3).fill(CommandStatus.ESME_RMSGQFUL));
    expect(responses.map((r) => r.command)).toEqual(['submit_sm_resp', 'data_sm_resp', 'submit_multi_resp']);
    expect((await client.request({ command: 'enquire_link' })).command_status).toBe(0);
  });

  it('responseDelayMs holds responses back by a fixed delay', async () => {
    const client = await setup();
    sim.setFaults({ responseDelayMs: 150 });
    const started = Date.now();
    const resp = await client.request(submitPdu);
    expect(resp.command_status).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.stats().faults.delayed).toBe(1);
  });

  it('responseDelayMs with { min, max } delays each response by a random amount in range', async () => {
    const client = await setup({ faults: { responseDelayMs: { min: 50, max: 120 } } });
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.request(submitPdu)));
    expect(statuses(responses).every((s) => s === 0)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(sim.stats().faults.delayed).toBe(21); // the bind_transceiver_resp too: every response is delayed
  });

  it('neverAnswerEveryNth leaves every Nth submit unanswered and unprocessed', async () => {
    const client = await setup({ faults: { neverAnswerEveryNth: 2 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.request(submitPdu, 300)),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(sim.stats()).toMatchObject({ submitsAccepted: 2, faults: { unanswered: 2 } });
  });

  it('neverAnswerCommands can target enquire_link (a dead link as the ESME sees it)', async () => {
    const client = await setup({ faults: { neverAnswerEveryNth: 1, neverAnswerCommands: ['enquire_link'] } });
    await expect(client.request({ command: 'enquire_link' }, 200)).rejects.toThrow(/no response/);
    expect((await client.request(submitPdu)).command_status).toBe(0);
  });

  it('dropAfterPdus closes the connection after the Nth PDU (answered) without unbind', async () => {
    const client = await setup({ faults: { dropAfterPdus: 3 } }); // the bind is PDU 1
    await client.request(submitPdu);
    const third = await client.request(submitPdu);
    expect(third.command_status).toBe(0);
    await client.closedPromise;
    expect(client.ofCommand('unbind')).toHaveLength(0);
    expect(sim.stats().faults.dropped).toBe(1);
  });

  it('randomDropMs drops a bound connection at a random moment within the window', async () => {
    const client = await setup({ faults: { randomDropMs: { min: 20, max: 60 } } });
    const started = Date.now();
    await client.closedPromise;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sim.stats().faults.dropped).toBe(1);
  });

  it('unbindAfterMs sends unbind after the bind and closes once unbind_resp arrives', async () => {
    const client = await setup({ faults: { unbindAfterMs: 30 } });
    const unbind = await client.waitFor('unbind');
    expect(unbind.sequence_number).toBeGreaterThan(0);
    await client.closedPromise;
    expect(sim.stats()).toMatchObject({ faults: { unbindsSent: 1 }, received: { unbind_resp: 1 } });
  });

  it('sendUnbind() unbinds the matching sessions at run time', async () => {
    const client = await setup();
    expect(sim.sendUnbind({ systemId: 'nobody' })).toBe(0);
    expect(sim.sendUnbind({ systemId: 'esme' })).toBe(1);
    await client.waitFor('unbind');
    await client.closedPromise;
  });

  it('enquireLinkIntervalMs probes bound sessions and counts the answers', async () => {
    // The answer deadline defaults to the interval (20 ms): one pause of the loaded machine would close the link.
    const client = await setup({ faults: { enquireLinkIntervalMs: 20, enquireLinkTimeoutMs: 1000 } });
    await client.waitForCount('enquire_link', 3);
    expect(sim.stats().faults.enquireLinksSent).toBeGreaterThanOrEqual(3);
    expect(sim.stats().received.enquire_link_resp).toBeGreaterThanOrEqual(2);
    expect(client.closed).toBe(false);
  });

  it('closes a session whose enquire_link goes unanswered for enquireLinkTimeoutMs', async () => {
    const client = await setup({}, { autoRespond: false });
    sim.setFaults({ enquireLinkIntervalMs: 20, enquireLinkTimeoutMs: 50 });
    await client.waitFor('enquire_link');
    await client.closedPromise;
    expect(sim.stats().faults.enquireLinksUnanswered).toBe(1);
  });

  it('malformedEveryNth writes a truncated deliver_sm after every Nth request', async () => {
    const client = await setup({ faults: { malformedEveryNth: 2 } });
    await client.request(submitPdu); // request 2 (the bind was 1)
    await client.request(submitPdu);
    await client.request(submitPdu); // request 4
    await sleep(20);
    expect(client.undecodable).toHaveLength(2);
    expect(client.undecodable[0].readUInt32BE(0)).toBe(20);
    expect(client.undecodable[0].readUInt32BE(4)).toBe(0x00000005);
    expect(sim.stats().faults.malformedSent).toBe(2);
  });

  it('sendMalformed() writes each kind of bad bytes, or given bytes', async () => {
    const client = await setup();
    expect(sim.sendMalformed('unknown-command')).toBe(1);
    expect(sim.sendMalformed(Buffer.from([0, 0, 0, 16, 0, 0, 1, 0xff, 0, 0, 0, 0, 0, 0, 0, 9]))).toBe(1);
    await sleep(20);
    expect(client.undecodable.map((b) => b.readUInt32BE(4))).toEqual([0x1fe, 0x1ff]);
    sim.sendMalformed('bad-command-length');
    await sleep(20);
    expect(client.undecodable).toHaveLength(3);
    expect(client.undecodable[2].readUInt32BE(0)).toBe(8);
  });

  it('dropConnections() closes connections at once', async () => {
    const client = await setup();
    expect(sim.dropConnections()).toBe(1);
    await client.closedPromise;
    expect(sim.sessions).toHaveLength(0);
  });

  it('rejects out-of-range switches with the switch name and changes nothing', async () => {
    await setup({ faults: { throttleEveryNth: 2 } });
    expect(() => sim.setFaults({ throttleEveryNth: 0, queueFullEveryNth: 1 })).toThrow(/throttleEveryNth 0/);
    expect(() => sim.setFaults({ responseDelayMs: { min: 5, max: 1 } })).toThrow(/responseDelayMs/);
    expect(sim.faults).toEqual({ throttleEveryNth: 2 });
    await expect(SmscSimulator.start({ faults: { dropAfterPdus: -1 } })).rejects.toThrow(/dropAfterPdus/);
  });
});
