import { describe, it, expect, afterEach } from '@jest/globals';
import { ResponseTimeoutError, SmppSession, type SessionCloseEvent } from '../../lib/session/index.js';
import { FakeSmsc } from './fake-smsc.js';
import { sessionFor, sleep, submitSm, until } from './session-helpers.js';

describe('SmppSession: keepalive (enquire_link, SMPP 3.4 §4.11)', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function start(
    smscOptions: Parameters<typeof FakeSmsc.start>[0],
    sessionOptions: Parameters<typeof sessionFor>[1],
  ): Promise<{ smsc: FakeSmsc; session: SmppSession }> {
    const smsc = await FakeSmsc.start(smscOptions);
    cleanup.push(() => smsc.stop());
    const session = sessionFor(smsc.port, sessionOptions);
    cleanup.push(() => session.destroy('test over'));
    await session.open();
    return { smsc, session };
  }

  it('sends enquire_link after enquireLinkIntervalMs of silence and records the round trip', async () => {
    const { smsc, session } = await start({}, { enquireLinkIntervalMs: 60, enquireLinkTimeoutMs: 500 });
    expect(session.lastEnquireLinkRttMs).toBeUndefined();
    await smsc.next((pdu) => pdu.command === 'enquire_link');
    await until(() => session.lastEnquireLinkRttMs !== undefined);
    expect(session.lastEnquireLinkRttMs).toBeGreaterThanOrEqual(0);
    // And again, periodically, while idle.
    await smsc.next((pdu) => pdu.command === 'enquire_link');
    expect(session.state).toBe('bound');
  });

  it('does not send enquire_link while traffic keeps arriving', async () => {
    // Three intervals of traffic, one request every ~20 ms: a gap would need 200 ms of stall to look idle (a
    // 100 ms interval was too close to a loaded machine's pauses).
    const { smsc, session } = await start({}, { enquireLinkIntervalMs: 200, enquireLinkTimeoutMs: 500 });
    const until600 = Date.now() + 600;
    while (Date.now() < until600) {
      await session.request(submitSm());
      await sleep(20);
    }
    expect(smsc.received.filter((p) => p.command === 'enquire_link')).toHaveLength(0);
  });

  it("declares a silent SMSC dead within enquireLinkTimeoutMs: closes with 'enquire_link timeout'", async () => {
    const { session } = await start(
      { onPdu: (pdu) => pdu.command === 'enquire_link' }, // swallow enquire_link, answer the rest
      { enquireLinkIntervalMs: 50, enquireLinkTimeoutMs: 80 },
    );
    const started = Date.now();
    const event = await new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    expect(event.reason).toBe('enquire_link timeout');
    expect(event.error).toBeInstanceOf(ResponseTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(session.state).toBe('closed');
  });

  it('keeps the enquire_link out of the window: a full window does not delay it', async () => {
    const { smsc, session } = await start(
      { onPdu: (pdu) => pdu.command === 'submit_sm' }, // hold every submit_sm
      { windowSize: 1, enquireLinkIntervalMs: 50, enquireLinkTimeoutMs: 500 },
    );
    const held = session.request(submitSm()).catch(() => undefined);
    const waiting = session.request(submitSm()).catch(() => undefined);
    await smsc.next((pdu) => pdu.command === 'enquire_link');
    await until(() => session.lastEnquireLinkRttMs !== undefined);
    expect(session.inFlight).toBe(1);
    session.destroy('done');
    await Promise.all([held, waiting]);
  });
});
