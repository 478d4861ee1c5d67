import { describe, it, expect, afterEach } from '@jest/globals';
import type net from 'node:net';
import type { SmppSession } from '../../lib/session/index.js';
import { FakeSmsc } from './fake-smsc.js';
import { outcome, sessionFor, sleep, until } from './session-helpers.js';

describe('SmppSession: write back-pressure', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('holds requests back while the SMSC does not read, and sends them when it reads again', async () => {
    // The SMSC answers the bind, then stops reading: the kernel buffers fill and socket.write() returns false.
    const smsc = await FakeSmsc.start({
      onPdu: (pdu, conn) => {
        if (pdu.command !== 'bind_transceiver') return false;
        conn.answer(pdu);
        conn.socket.pause();
        return true;
      },
    });
    cleanup.push(() => smsc.stop());
    const session: SmppSession = sessionFor(smsc.port, {
      windowSize: 100_000,
      windowWaitTimeoutMs: 20_000,
      responseTimeoutMs: 20_000,
    });
    cleanup.push(() => session.destroy('test over'));
    await session.open();

    const payload = Buffer.alloc(60_000, 0x41);
    const total = 600; // 36 MB: far more than loopback socket buffers hold
    const results = Array.from({ length: total }, () =>
      outcome(
        session.request({
          command: 'submit_sm',
          destination_addr: '447700900123',
          tlvs: { message_payload: payload },
        }),
      ),
    );
    await sleep(200);
    const socket = (session as unknown as { socket: net.Socket }).socket;
    expect(session.waiting).toBeGreaterThan(0);
    expect(session.inFlight).toBeLessThan(total);
    // What Node itself buffers stays around one batch, not the 36 MB asked for.
    expect(socket.writableLength).toBeLessThan(1024 * 1024);

    smsc.last.socket.resume();
    await until(() => smsc.received.filter((p) => p.command === 'submit_sm').length === total, 10_000);
    const outcomes = await Promise.all(results);
    expect(outcomes.every((o) => o.value?.command_status === 0)).toBe(true);
    expect(session.waiting).toBe(0);
  });
});
