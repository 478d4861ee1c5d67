import { describe, it, expect, afterEach } from '@jest/globals';
import type { Pdu } from '../../lib/protocol/pdu.types.js';
import {
  ResponseTimeoutError,
  SessionClosedError,
  SmppSession,
  WindowTimeoutError,
  createSequenceGenerator,
} from '../../lib/session/index.js';
import net from 'node:net';
import { encodePdu } from '../../lib/protocol/index.js';
import { FakeSmsc, type FakeSmscConnection } from './fake-smsc.js';
import { MemoryLogger, outcome, sessionFor, sleep, submitSm, until } from './session-helpers.js';

describe('SmppSession: window, timeouts, sequence numbers', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function start(
    smscOptions: Parameters<typeof FakeSmsc.start>[0],
    sessionOptions: Parameters<typeof sessionFor>[1] = {},
  ): Promise<{ smsc: FakeSmsc; session: SmppSession }> {
    const smsc = await FakeSmsc.start(smscOptions);
    cleanup.push(() => smsc.stop());
    const session = sessionFor(smsc.port, sessionOptions);
    cleanup.push(() => session.destroy('test over'));
    await session.open();
    return { smsc, session };
  }

  /** An SMSC that holds submit_sm until released, to observe the window. */
  function holdingSmsc(): {
    held: Array<{ pdu: Pdu; conn: FakeSmscConnection }>;
    onPdu: (pdu: Pdu, conn: FakeSmscConnection) => boolean;
  } {
    const held: Array<{ pdu: Pdu; conn: FakeSmscConnection }> = [];
    return {
      held,
      onPdu: (pdu, conn) => {
        if (pdu.command !== 'submit_sm') return false;
        held.push({ pdu, conn });
        return true;
      },
    };
  }

  it('never has more than windowSize requests in flight; the rest wait and go as slots free', async () => {
    const hold = holdingSmsc();
    const { smsc, session } = await start({ onPdu: hold.onPdu }, { windowSize: 3 });

    const results = Array.from({ length: 10 }, () => session.request(submitSm()));
    await until(() => hold.held.length === 3);
    await sleep(30);
    expect(hold.held.length).toBe(3);
    expect(session.inFlight).toBe(3);
    expect(session.waiting).toBe(7);

    // Release one at a time: each answer lets exactly one more in.
    for (let answered = 0; answered < 10; answered++) {
      await until(() => hold.held.length > 0);
      const { pdu, conn } = hold.held.shift()!;
      conn.answer(pdu);
      expect(session.inFlight).toBeLessThanOrEqual(3);
    }
    const responses = await Promise.all(results);
    expect(responses.every((r) => r.command === 'submit_sm_resp' && r.command_status === 0)).toBe(true);
    expect(smsc.maxInFlight).toBe(3);
    expect(session.inFlight).toBe(0);
  });

  it('sends the requests that take the slots of one read of responses in one write, not one per response', async () => {
    const hold = holdingSmsc();
    const { smsc, session } = await start({ onPdu: hold.onPdu }, { windowSize: 5 });
    const results = Array.from({ length: 10 }, () => outcome(session.request(submitSm())));
    await until(() => hold.held.length === 5);
    const clientPort = smsc.connections[0]!.socket.remotePort;
    const writes = countSocketWrites((socket) => socket.localPort === clientPort);
    try {
      // Five responses in one segment: the session reads them at once, and each frees a slot a waiting request
      // takes, filling the window again every time.
      const first = hold.held.splice(0, 5);
      first[0]!.conn.writeRaw(
        Buffer.concat(
          first.map(({ pdu }) =>
            encodePdu({
              command: 'submit_sm_resp',
              command_status: 0,
              sequence_number: pdu.sequence_number,
              message_id: `m${pdu.sequence_number}`,
            }),
          ),
        ),
      );
      await until(() => hold.held.length === 5);
      // One write (two should the loopback split the segment); before, each refilled window flushed: five.
      expect(writes.count).toBeLessThanOrEqual(2);
    } finally {
      writes.restore();
    }
    for (const { pdu, conn } of hold.held.splice(0)) conn.answer(pdu);
    expect((await Promise.all(results)).every((o) => o.value?.command_status === 0)).toBe(true);
  });

  it('works with a window of 1000', async () => {
    const { smsc, session } = await start({}, { windowSize: 1000 });
    const responses = await Promise.all(
      Array.from({ length: 3000 }, (_, i) => session.request(submitSm(`m${i}`))),
    );
    expect(responses).toHaveLength(3000);
    expect(new Set(responses.map((r) => r.sequence_number)).size).toBe(3000);
    expect(smsc.maxInFlight).toBeLessThanOrEqual(1000);
    expect(session.inFlight).toBe(0);
  });

  it('rejects with ResponseTimeoutError, frees the slot, and drops the late response', async () => {
    const logger = new MemoryLogger();
    const hold = holdingSmsc();
    const { session } = await start({ onPdu: hold.onPdu }, { windowSize: 1, logger });

    const first = outcome(session.request(submitSm('first'), { timeoutMs: 80 }));
    const second = session.request(submitSm('second'));
    await until(() => hold.held.length === 1);

    const { error } = await first;
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(error).toMatchObject({
      command: 'submit_sm',
      timeoutMs: 80,
      sequenceNumber: hold.held[0].pdu.sequence_number,
    });

    // The freed slot let the second request go out.
    await until(() => hold.held.length === 2);
    const [late, next] = hold.held;
    late.conn.answer(late.pdu);
    next.conn.answer(next.pdu);
    expect((await second).sequence_number).toBe(next.pdu.sequence_number);
    await until(() => logger.entries.some((e) => e.message.startsWith('late response dropped')));
    expect(session.state).toBe('bound');
    expect(session.inFlight).toBe(0);
  });

  it('rejects every pending request and every waiter at once with SessionClosedError on destroy', async () => {
    const hold = holdingSmsc();
    const { session } = await start({ onPdu: hold.onPdu }, { windowSize: 5 });
    const results = Array.from({ length: 12 }, () => outcome(session.request(submitSm())));
    await until(() => hold.held.length === 5);

    session.destroy('test destroys');
    const outcomes = await Promise.all(results);

    expect(outcomes.every((o) => o.error instanceof SessionClosedError)).toBe(true);
    expect((outcomes[0].error as SessionClosedError).reason).toBe('test destroys');
    expect(session.inFlight).toBe(0);
    expect(session.waiting).toBe(0);
  });

  it('on close(): waiters fail at once, in-flight requests may still be answered before unbind completes', async () => {
    const hold = holdingSmsc();
    const { smsc, session } = await start(
      { onPdu: (pdu, conn) => pdu.command === 'unbind' || hold.onPdu(pdu, conn) },
      { windowSize: 2 },
    );
    const results = Array.from({ length: 4 }, () => outcome(session.request(submitSm())));
    await until(() => hold.held.length === 2);
    const unbindSeen = smsc.next((pdu) => pdu.command === 'unbind');
    const closing = session.close();
    const unbind = await unbindSeen;
    expect(session.state).toBe('unbinding');
    for (const { pdu, conn } of hold.held) conn.answer(pdu);
    smsc.last.answer(unbind);
    await closing;
    const outcomes = await Promise.all(results);
    expect(outcomes.slice(0, 2).map((o) => o.value?.command_status)).toEqual([0, 0]);
    expect(outcomes.slice(2).every((o) => o.error instanceof SessionClosedError)).toBe(true);
  });

  it('fails a request with WindowTimeoutError when no slot frees in time', async () => {
    const hold = holdingSmsc();
    const { session } = await start({ onPdu: hold.onPdu }, { windowSize: 1, windowWaitTimeoutMs: 60 });
    const first = outcome(session.request(submitSm()));
    const { error } = await outcome(session.request(submitSm()));
    expect(error).toBeInstanceOf(WindowTimeoutError);
    expect((error as Error).message).toMatch(
      /submit_sm waited \d+ ms for a free window slot \(windowSize 1\)/,
    );
    expect(hold.held.length).toBe(1);
    session.destroy('done');
    expect((await first).error).toBeInstanceOf(SessionClosedError);
  });

  it('lets a larger windowSize set at run time send waiting requests at once', async () => {
    const hold = holdingSmsc();
    const { session } = await start({ onPdu: hold.onPdu }, { windowSize: 1 });
    const results = Array.from({ length: 4 }, () => outcome(session.request(submitSm())));
    await until(() => hold.held.length === 1);
    session.windowSize = 4;
    await until(() => hold.held.length === 4);
    for (const { pdu, conn } of hold.held) conn.answer(pdu);
    expect((await Promise.all(results)).every((o) => o.value?.command_status === 0)).toBe(true);
  });

  it('wraps sequence numbers from 0x7FFFFFFF to 1 (SMPP 3.4 §5.1.4)', async () => {
    const { smsc, session } = await start({}, { sequenceGenerator: createSequenceGenerator(0x7ffffffe) });
    // The bind took 0x7FFFFFFE.
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await session.request(submitSm()));
    expect(responses.map((r) => r.sequence_number)).toEqual([0x7fffffff, 1, 2]);
    expect(smsc.received.filter((p) => p.command === 'submit_sm').map((p) => p.sequence_number)).toEqual([
      0x7fffffff, 1, 2,
    ]);
  });

  it('skips a sequence number that is still in flight after a wrap', async () => {
    const hold = holdingSmsc();
    const numbers = [5, 6, 5, 7];
    const { session } = await start(
      { onPdu: hold.onPdu },
      { sequenceGenerator: () => numbers.shift() ?? 99 },
    );
    // bind took 5; now 6 is held, then 5 is free again (bind done) but let us hold 6 and ask for 2 more.
    const a = outcome(session.request(submitSm()));
    const b = outcome(session.request(submitSm()));
    await until(() => hold.held.length === 2);
    expect(hold.held.map((h) => h.pdu.sequence_number)).toEqual([6, 5]);
    const c = outcome(session.request(submitSm()));
    await until(() => hold.held.length === 3);
    expect(hold.held[2].pdu.sequence_number).toBe(7);
    for (const { pdu, conn } of hold.held) conn.answer(pdu);
    expect((await Promise.all([a, b, c])).every((o) => o.value?.command_status === 0)).toBe(true);
  });

  it('resolves a pending request with the generic_nack that carries its sequence number', async () => {
    const { session } = await start({
      onPdu: (pdu, conn) => {
        if (pdu.command !== 'submit_sm') return false;
        conn.send({ command: 'generic_nack', command_status: 0x03, sequence_number: pdu.sequence_number });
        return true;
      },
    });
    const response = await session.request(submitSm());
    expect(response).toMatchObject({ command: 'generic_nack', command_status: 0x03 });
  });

  it("emits 'congestion' with the congestion_state TLV of a response", async () => {
    const { session } = await start({
      onPdu: (pdu, conn) => {
        if (pdu.command !== 'submit_sm') return false;
        conn.answer(pdu, 0, { tlvs: { congestion_state: 85 } });
        return true;
      },
    });
    const seen: number[] = [];
    session.on('congestion', (value) => seen.push(value));
    await session.request(submitSm());
    expect(seen).toEqual([85]);
  });

  it('drops a response whose sequence number matches nothing, and keeps working', async () => {
    const logger = new MemoryLogger();
    const { smsc, session } = await start({}, { logger });
    smsc.last.send({ command: 'submit_sm_resp', sequence_number: 4242, message_id: 'x' });
    await until(() => logger.entries.some((e) => e.message === 'response to no request dropped'));
    expect((await session.request(submitSm())).command_status).toBe(0);
  });

  it('rejects requests on a closed session at once', async () => {
    const session = sessionFor(1);
    await expect(session.request(submitSm())).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('rejects a PDU that breaks the spec before it reaches the wire (PduEncodeError)', async () => {
    const { smsc, session } = await start({});
    const { error } = await outcome(
      session.request({ command: 'submit_sm', destination_addr: 'x'.repeat(30) }),
    );
    expect((error as Error).name).toBe('PduEncodeError');
    expect(smsc.received.filter((p) => p.command === 'submit_sm')).toHaveLength(0);
    expect(session.inFlight).toBe(0);
  });

  describe('requestWithCallback', () => {
    it('calls back once per request with its response, under the same window', async () => {
      const { session } = await start({}, { windowSize: 5 });
      const calls: Array<{ error?: Error; status?: number; sequence?: number }> = [];
      for (let i = 0; i < 20; i++) {
        session.requestWithCallback(submitSm(`m${i}`), (error, response) =>
          calls.push({ error, status: response?.command_status, sequence: response?.sequence_number }),
        );
      }
      await until(() => calls.length === 20);
      await sleep(20);
      expect(calls).toHaveLength(20);
      expect(calls.every((c) => c.error === undefined && c.status === 0)).toBe(true);
      expect(new Set(calls.map((c) => c.sequence)).size).toBe(20);
    });

    it('reports a closed session in a later microtask, never during the call', async () => {
      const session = sessionFor(1);
      let error: Error | undefined;
      session.requestWithCallback(submitSm(), (e) => (error = e));
      const calledDuringCall = error !== undefined;
      await Promise.resolve();
      expect(calledDuringCall).toBe(false);
      expect(error).toBeInstanceOf(SessionClosedError);
    });

    it('logs a callback that throws and keeps serving the other requests', async () => {
      const logger = new MemoryLogger();
      const { session } = await start({}, { logger });
      session.requestWithCallback(submitSm('first'), () => {
        throw new Error('caller bug');
      });
      await until(() => logger.entries.some((e) => e.message === 'a request callback threw; ignored'));
      expect((await session.request(submitSm('second'))).command_status).toBe(0);
      expect(session.state).toBe('bound');
    });
  });
});

/** Counts `socket.write` calls on the sockets `which` selects (every socket of this process goes through it). */
function countSocketWrites(which: (socket: net.Socket) => boolean): { count: number; restore(): void } {
  const original = net.Socket.prototype.write;
  const counter = {
    count: 0,
    restore: () => {
      net.Socket.prototype.write = original;
    },
  };
  net.Socket.prototype.write = function (this: net.Socket, ...args: unknown[]) {
    if (which(this)) counter.count++;
    return (original as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof original;
  return counter;
}
