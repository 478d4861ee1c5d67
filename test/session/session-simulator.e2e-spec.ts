import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import type { DataSm, DeliverSm } from '../../lib/protocol/pdu.types.js';
import {
  BindError,
  ResponseTimeoutError,
  SessionClosedError,
  SmppSession,
  type SessionCloseEvent,
} from '../../lib/session/index.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { outcome, sessionFor, submitSm, until } from './session-helpers.js';

describe('SmppSession against the bundled SMSC simulator', () => {
  let sim: SmscSimulator;
  const sessions: SmppSession[] = [];
  const open = async (options: Parameters<typeof sessionFor>[1] = {}): Promise<SmppSession> => {
    const session = sessionFor(sim.port, { systemId: 'acme', password: 'secret', ...options });
    sessions.push(session);
    await session.open();
    return session;
  };
  const closeEvent = (session: SmppSession): Promise<SessionCloseEvent> =>
    new Promise((resolve) => session.once('close', resolve));

  beforeAll(async () => {
    sim = await SmscSimulator.start({
      port: 0,
      credentials: [{ system_id: 'acme', password: 'secret' }],
      receipts: { delayMs: 0 },
    });
  });
  afterEach(() => {
    sim.clearFaults();
    for (const session of sessions.splice(0)) session.destroy('test over');
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('binds, submits and gets message ids', async () => {
    const session = await open();
    expect(session.systemId).toBe('naz-smsc');
    const responses = await Promise.all(Array.from({ length: 50 }, () => session.request(submitSm())));
    expect(
      responses.every((r) => r.command === 'submit_sm_resp' && r.command_status === 0 && r.message_id),
    ).toBe(true);
  });

  it.each([
    ['a wrong password', { password: 'nope' }, 'ESME_RINVPASWD (0x0000000E)'],
    ['an unknown system_id', { systemId: 'ghost' }, 'ESME_RINVSYSID (0x0000000F)'],
  ])('reports %s as BindError', async (_what, credentials, expected) => {
    const session = sessionFor(sim.port, { systemId: 'acme', password: 'secret', ...credentials });
    sessions.push(session);
    const { error } = await outcome(session.open());
    expect(error).toBeInstanceOf(BindError);
    expect((error as Error).message).toContain(expected);
    expect((error as Error).message).not.toContain('nope');
  });

  it('resolves throttled submits with their ESME_RTHROTTLED response (the client decides what to do)', async () => {
    const session = await open();
    sim.setFaults({ throttleEveryNth: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await session.request(submitSm())).command_status);
    expect(statuses).toEqual([0, 0x58, 0, 0x58]);
  });

  it('times out submits the SMSC never answers and keeps the others', async () => {
    const session = await open({ windowSize: 4 });
    sim.setFaults({ neverAnswerEveryNth: 2 });
    // A second, so an answered request is never late on a loaded machine; the unanswered ones time out.
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => outcome(session.request(submitSm(), { timeoutMs: 1000 }))),
    );
    expect(outcomes.filter((o) => o.value?.command_status === 0)).toHaveLength(3);
    expect(outcomes.filter((o) => o.error instanceof ResponseTimeoutError)).toHaveLength(3);
    expect(session.inFlight).toBe(0);
    expect(session.state).toBe('bound');
  });

  it('matches responses that arrive out of order (random response delays)', async () => {
    const session = await open({ windowSize: 20 });
    sim.setFaults({ responseDelayMs: { min: 0, max: 30 } });
    const responses = await Promise.all(Array.from({ length: 60 }, () => session.request(submitSm())));
    expect(responses.every((r) => r.command_status === 0)).toBe(true);
  });

  it('fails pending requests with SessionClosedError when the SMSC drops the connection', async () => {
    const session = await open();
    sim.setFaults({ responseDelayMs: 500 });
    const pending = outcome(session.request(submitSm()));
    await until(() => session.inFlight === 1);
    const closed = closeEvent(session);
    sim.dropConnections({ systemId: 'acme' });
    expect((await closed).reason).toBe('connection closed by SMSC');
    expect((await pending).error).toBeInstanceOf(SessionClosedError);
  });

  it("answers the simulator's unbind and closes with 'unbind from SMSC'", async () => {
    const session = await open();
    const closed = closeEvent(session);
    expect(sim.sendUnbind({ systemId: 'acme' })).toBeGreaterThan(0);
    expect((await closed).reason).toBe('unbind from SMSC');
  });

  it("answers the simulator's enquire_link while idle", async () => {
    const session = await open();
    const before = sim.stats().faults.enquireLinksSent;
    sim.setFaults({ enquireLinkIntervalMs: 20, enquireLinkTimeoutMs: 1000 });
    await until(() => sim.stats().faults.enquireLinksSent >= before + 3);
    expect(sim.stats().faults.enquireLinksUnanswered).toBe(0);
    expect(session.state).toBe('bound');
  });

  it.each(['truncated-body', 'unknown-command'] as const)(
    'stays bound after malformed bytes (%s)',
    async (kind) => {
      const session = await open();
      expect(sim.sendMalformed(kind, { systemId: 'acme' })).toBeGreaterThan(0);
      const response = await session.request(submitSm());
      expect(response.command_status).toBe(0);
      expect(session.state).toBe('bound');
    },
  );

  it('closes after a command_length that breaks framing', async () => {
    const session = await open();
    const closed = closeEvent(session);
    sim.sendMalformed('bad-command-length', { systemId: 'acme' });
    expect((await closed).reason).toMatch(/^framing error/);
  });

  it('hands MO messages and delivery receipts to the inbound handler', async () => {
    const inbound: Array<DeliverSm | DataSm> = [];
    const session = await open({
      inboundHandler: (pdu) => {
        inbound.push(pdu);
        return 0;
      },
    });
    sim.sendMo({ text: 'hello ESME', system_id: 'acme' });
    await session.request({ ...submitSm('want a receipt'), registered_delivery: 1 });
    await until(() => inbound.length >= 2);
    const mo = inbound.find((pdu) => (pdu as DeliverSm).short_message?.toString().includes('hello ESME'));
    const receipt = inbound.find((pdu) => (pdu.esm_class & 0x04) !== 0);
    expect(mo).toBeDefined();
    expect(receipt).toBeDefined();
  });
});
