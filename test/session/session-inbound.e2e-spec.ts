import { describe, it, expect, afterEach } from '@jest/globals';
import { decodePdu, encodePdu, PduDecodeError } from '../../lib/protocol/index.js';
import type { DataSm, DeliverSm, Pdu } from '../../lib/protocol/pdu.types.js';
import { SessionClosedError, SmppSession, type SessionCloseEvent } from '../../lib/session/index.js';
import { FakeSmsc, type FakeSmscConnection } from './fake-smsc.js';
import { MemoryLogger, outcome, sessionFor, sleep, submitSm, until } from './session-helpers.js';

/** A header-only frame with any command_id, built by hand (the codec refuses unknown ids). */
function rawHeader(
  commandId: number,
  sequenceNumber: number,
  body = Buffer.alloc(0),
  length = 16 + body.length,
): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(length, 0);
  header.writeUInt32BE(commandId, 4);
  header.writeUInt32BE(0, 8);
  header.writeUInt32BE(sequenceNumber, 12);
  return Buffer.concat([header, body]);
}

const deliverSm = (sequence_number: number, text = 'mo'): Partial<DeliverSm> & { command: 'deliver_sm' } => ({
  command: 'deliver_sm',
  sequence_number,
  source_addr: '447700900123',
  destination_addr: '1234',
  short_message: Buffer.from(text),
});

describe('SmppSession: what the SMSC sends', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function start(
    smscOptions: Parameters<typeof FakeSmsc.start>[0] = {},
    sessionOptions: Parameters<typeof sessionFor>[1] = {},
  ): Promise<{ smsc: FakeSmsc; session: SmppSession; conn: FakeSmscConnection }> {
    const smsc = await FakeSmsc.start(smscOptions);
    cleanup.push(() => smsc.stop());
    const session = sessionFor(smsc.port, sessionOptions);
    cleanup.push(() => session.destroy('test over'));
    await session.open();
    return { smsc, session, conn: smsc.last };
  }
  const responseTo = (smsc: FakeSmsc, sequenceNumber: number): Promise<Pdu> =>
    smsc.next(
      (pdu) =>
        pdu.sequence_number === sequenceNumber &&
        (pdu.command.endsWith('_resp') || pdu.command === 'generic_nack'),
    );

  it('answers the SMSC enquire_link at once, even with a full window', async () => {
    const { smsc, session, conn } = await start(
      { onPdu: (pdu) => pdu.command === 'submit_sm' }, // hold every submit_sm
      { windowSize: 2 },
    );
    const pending = Array.from({ length: 5 }, () => outcome(session.request(submitSm())));
    await until(() => session.inFlight === 2 && session.waiting === 3);

    const answer = responseTo(smsc, 777);
    conn.send({ command: 'enquire_link', sequence_number: 777 });
    expect(await answer).toMatchObject({ command: 'enquire_link_resp', command_status: 0 });
    session.destroy('done');
    await Promise.all(pending);
  });

  it('answers deliver_sm with the status the inbound handler resolves to, after it resolves', async () => {
    const seen: Array<DeliverSm | DataSm> = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { smsc, conn } = await start(
      {},
      {
        inboundHandler: async (pdu) => {
          seen.push(pdu);
          await released;
          return 0x45;
        },
      },
    );
    let answered = false;
    const answer = responseTo(smsc, 10).then((pdu) => {
      answered = true;
      return pdu;
    });
    conn.send(deliverSm(10, 'hello from MO'));
    await until(() => seen.length === 1);
    await sleep(20);
    expect(answered).toBe(false);
    release();
    expect(await answer).toMatchObject({ command: 'deliver_sm_resp', command_status: 0x45 });
    expect((seen[0] as DeliverSm).short_message.toString()).toBe('hello from MO');
  });

  it('answers a synchronous handler, and data_sm with data_sm_resp', async () => {
    const { smsc, conn } = await start({}, { inboundHandler: () => 0 });
    const answer = responseTo(smsc, 11);
    conn.send({ command: 'data_sm', sequence_number: 11, source_addr: '1', destination_addr: '2' });
    expect(await answer).toMatchObject({ command: 'data_sm_resp', command_status: 0 });
  });

  it('answers ESME_RX_T_APPN (0x64) and warns when the handler throws or rejects', async () => {
    const logger = new MemoryLogger();
    let calls = 0;
    const { smsc, conn } = await start(
      {},
      {
        logger,
        inboundHandler: (): number | Promise<number> => {
          calls++;
          if (calls === 1) throw new Error('database down');
          return Promise.reject(new Error('still down'));
        },
      },
    );
    const first = responseTo(smsc, 20);
    conn.send(deliverSm(20));
    expect(await first).toMatchObject({ command: 'deliver_sm_resp', command_status: 0x64 });
    const second = responseTo(smsc, 21);
    conn.send(deliverSm(21));
    expect(await second).toMatchObject({ command: 'deliver_sm_resp', command_status: 0x64 });
    expect(
      logger.entries.filter((e) => e.level === 'warn' && e.message.startsWith('inbound handler threw')),
    ).toHaveLength(2);
  });

  it('answers ESME_ROK when there is no inbound handler, and emits every PDU', async () => {
    const { smsc, session, conn } = await start();
    const pdus: string[] = [];
    session.on('pdu', (pdu) => pdus.push(pdu.command));
    const answer = responseTo(smsc, 30);
    conn.send(deliverSm(30));
    expect(await answer).toMatchObject({ command: 'deliver_sm_resp', command_status: 0 });
    expect(pdus).toEqual(['deliver_sm']);
  });

  it('pauses reading while maxPendingInbound PDUs await their handler, and resumes below it', async () => {
    let handled = 0;
    const releases: Array<() => void> = [];
    const { smsc, session, conn } = await start(
      {},
      {
        maxPendingInbound: 2,
        inboundHandler: () =>
          new Promise<number>((resolve) => {
            handled++;
            releases.push(() => resolve(0));
          }),
      },
    );
    conn.send(deliverSm(40));
    conn.send(deliverSm(41));
    await until(() => handled === 2);
    expect(session.pendingInboundCount).toBe(2);
    // Reads are paused now: later PDUs stay in the socket until a handler finishes.
    await sleep(20);
    conn.send(deliverSm(42));
    conn.send(deliverSm(43));
    await sleep(50);
    expect(handled).toBe(2);

    const answers = Promise.all([40, 41, 42, 43].map((seq) => responseTo(smsc, seq)));
    releases.shift()!();
    await until(() => handled >= 3);
    for (let released = 1; released < 4; released++) {
      await until(() => releases.length > 0);
      releases.shift()!();
    }
    expect((await answers).map((p) => p.command_status)).toEqual([0, 0, 0, 0]);
  });

  it("answers an unbind from the SMSC, then closes with reason 'unbind from SMSC'", async () => {
    const { smsc, session, conn } = await start({}, { windowSize: 2 });
    const closed = new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    const held = outcome(session.request(submitSm()));
    const states: string[] = [];
    session.on('state', (change) => states.push(`${change.current}:${change.reason}`));
    const answer = responseTo(smsc, 50);
    const socketClosed = new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
    conn.send({ command: 'unbind', sequence_number: 50 });

    expect(await answer).toMatchObject({ command: 'unbind_resp', command_status: 0 });
    expect(await closed).toEqual({ reason: 'unbind from SMSC' });
    expect(states).toEqual(['unbinding:unbind from SMSC', 'closed:unbind from SMSC']);
    await socketClosed;
    await held; // answered or closed: either way settled
  });

  it("emits 'alert' for alert_notification and sends nothing back", async () => {
    const { smsc, session, conn } = await start();
    const alert = new Promise<Pdu>((resolve) => session.once('alert', resolve));
    conn.send({
      command: 'alert_notification',
      sequence_number: 60,
      source_addr: '447700900123',
      esme_addr: '1234',
    });
    expect(await alert).toMatchObject({ command: 'alert_notification', source_addr: '447700900123' });
    await sleep(30);
    expect(smsc.received.filter((p) => p.sequence_number === 60)).toHaveLength(0);
  });

  it("emits 'outbind'", async () => {
    const { session, conn } = await start();
    const outbind = new Promise<Pdu>((resolve) => session.once('outbind', resolve));
    conn.send({ command: 'outbind', sequence_number: 61, system_id: 'SMSC', password: 'pw' });
    expect(await outbind).toMatchObject({ command: 'outbind', system_id: 'SMSC' });
    expect(session.state).toBe('bound');
  });

  it('answers an unknown command_id with generic_nack ESME_RINVCMDID and stays bound', async () => {
    const { smsc, session, conn } = await start();
    const answer = responseTo(smsc, 70);
    conn.writeRaw(rawHeader(0x00000999, 70));
    expect(await answer).toMatchObject({ command: 'generic_nack', command_status: 0x03 });
    expect(session.state).toBe('bound');
    expect((await session.request(submitSm())).command_status).toBe(0);
  });

  it('answers a request the ESME does not serve (submit_sm from the SMSC) with generic_nack ESME_RINVCMDID', async () => {
    const { smsc, conn } = await start();
    const answer = responseTo(smsc, 71);
    conn.send({ command: 'submit_sm', sequence_number: 71, destination_addr: '1' });
    expect(await answer).toMatchObject({ command: 'generic_nack', command_status: 0x03 });
  });

  it("answers a garbage body with generic_nack carrying the decoder's status and the sequence number", async () => {
    const { smsc, session, conn } = await start();
    // A deliver_sm whose body is 4 octets without any NUL: service_type never ends.
    const frame = rawHeader(0x00000005, 72, Buffer.from('abcd'));
    let expected: PduDecodeError | undefined;
    try {
      decodePdu(frame);
    } catch (error) {
      expected = error as PduDecodeError;
    }
    expect(expected).toBeInstanceOf(PduDecodeError);
    const answer = responseTo(smsc, 72);
    conn.writeRaw(frame);
    expect(await answer).toMatchObject({ command: 'generic_nack', command_status: expected!.status });
    expect(session.state).toBe('bound');
  });

  it('fails the pending request whose response cannot be decoded, without answering the response', async () => {
    const { smsc, session, conn } = await start({ onPdu: (pdu) => pdu.command === 'submit_sm' });
    const pending = outcome(session.request(submitSm()));
    const submit = await smsc.next((pdu) => pdu.command === 'submit_sm');
    conn.writeRaw(rawHeader(0x80000004, submit.sequence_number, Buffer.from('no-nul')));
    const { error } = await pending;
    expect(error).toBeInstanceOf(PduDecodeError);
    await sleep(20);
    expect(smsc.received.filter((p) => p.command === 'generic_nack')).toHaveLength(0);
    expect(session.inFlight).toBe(0);
  });

  it('answers command_length 2 GB with generic_nack ESME_RINVCMDLEN and closes, without allocating it', async () => {
    const { smsc, session, conn } = await start({}, { windowSize: 2 });
    const pending = outcome(session.request(submitSm()));
    await pending;
    const closed = new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    const answer = responseTo(smsc, 73);
    const heapBefore = process.memoryUsage().arrayBuffers;
    conn.writeRaw(rawHeader(0x00000005, 73, Buffer.alloc(0), 0x80000000));

    expect(await answer).toMatchObject({ command: 'generic_nack', command_status: 0x02 });
    const event = await closed;
    expect(event.reason).toMatch(/^framing error: command_length 2147483648/);
    expect(session.state).toBe('closed');
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('closes on a command_length below 16 after a generic_nack ESME_RINVCMDLEN', async () => {
    const { smsc, session, conn } = await start();
    const closed = new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    const answer = smsc.next((pdu) => pdu.command === 'generic_nack');
    conn.writeRaw(rawHeader(0x00000015, 74, Buffer.alloc(0), 2));
    expect(await answer).toMatchObject({ command_status: 0x02 });
    expect((await closed).reason).toMatch(/^framing error/);
  });

  it('survives random bytes from the network without crashing or leaving requests pending', async () => {
    for (let round = 0; round < 20; round++) {
      const { session, conn } = await start();
      const pending = outcome(session.request(submitSm(), { timeoutMs: 300 }));
      const noise = Buffer.alloc(64 + Math.floor(Math.random() * 512));
      for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256);
      // A plausible length first, sometimes, so that the noise reaches the decoder and not only the framer.
      if (round % 2 === 0) noise.writeUInt32BE(16 + (round % 40), 0);
      conn.writeRaw(noise);
      await sleep(10);
      session.destroy('round over');
      const result = await pending;
      expect(result.value !== undefined || result.error instanceof Error).toBe(true);
      for (const step of cleanup.splice(0).reverse()) await step();
    }
  });

  it('keeps working when a listener throws', async () => {
    const logger = new MemoryLogger();
    const { session } = await start({}, { logger });
    session.on('pdu', () => {
      throw new Error('listener bug');
    });
    expect((await session.request(submitSm())).command_status).toBe(0);
    expect(logger.entries.some((e) => e.message.includes("'pdu' listener threw"))).toBe(true);
  });

  it('fails in-flight requests with SessionClosedError when the SMSC drops the connection', async () => {
    const { smsc, session, conn } = await start({ onPdu: (pdu) => pdu.command === 'submit_sm' });
    const pending = outcome(session.request(submitSm()));
    await smsc.next((pdu) => pdu.command === 'submit_sm');
    const closed = new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    conn.socket.destroy();
    expect((await closed).reason).toBe('connection closed by SMSC');
    expect((await pending).error).toBeInstanceOf(SessionClosedError);
  });

  it('encodes what it answers with our codec (sanity of the raw helper)', () => {
    expect(rawHeader(0x80000015, 5)).toEqual(encodePdu({ command: 'enquire_link_resp', sequence_number: 5 }));
  });
});
