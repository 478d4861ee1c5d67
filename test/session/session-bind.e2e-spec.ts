import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import net from 'node:net';
import type { SessionStateChange } from '../../lib/session/index.js';
import {
  BindError,
  ConnectError,
  ResponseTimeoutError,
  SessionClosedError,
  SmppSession,
} from '../../lib/session/index.js';
import { FakeSmsc } from './fake-smsc.js';
import { MemoryLogger, outcome, sessionFor, submitSm } from './session-helpers.js';

describe('SmppSession: connect and bind', () => {
  let smsc: FakeSmsc;
  const sessions: SmppSession[] = [];
  const track = (session: SmppSession): SmppSession => {
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    smsc = await FakeSmsc.start({ password: 'secret' });
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.destroy('test over');
  });
  afterAll(async () => {
    await smsc.stop();
  });

  it.each([
    ['transmitter', 'bind_transmitter'],
    ['receiver', 'bind_receiver'],
    ['transceiver', 'bind_transceiver'],
  ] as const)(
    'binds as %s with %s and becomes bound only on the bind response',
    async (bindMode, command) => {
      const session = track(sessionFor(smsc.port, { bindMode, systemType: 'VMA', addressRange: '^44' }));
      const states: SessionStateChange[] = [];
      session.on('state', (change) => states.push(change));
      const bindSeen = smsc.next((pdu) => pdu.command === command);

      await session.open();

      const bind = await bindSeen;
      expect(bind).toMatchObject({ command, system_id: 'esme', password: 'secret', system_type: 'VMA' });
      expect(bind).toMatchObject({ interface_version: 0x34, address_range: '^44' });
      expect(session.state).toBe('bound');
      expect(session.systemId).toBe('FAKESMSC');
      expect(states.map((s) => `${s.previous}->${s.current}`)).toEqual([
        'closed->connecting',
        'connecting->binding',
        'binding->bound',
      ]);
      expect(states[2].reason).toBe('bind accepted');
    },
  );

  it('sends a request and resolves with its response', async () => {
    const session = track(sessionFor(smsc.port));
    await session.open();
    const response = await session.request(submitSm());
    expect(response.command).toBe('submit_sm_resp');
    expect(response.command_status).toBe(0);
    expect(response.command === 'submit_sm_resp' && response.message_id).toMatch(/^m\d+$/);
  });

  it('rejects a wrong password with BindError naming ESME_RINVPASWD, never the password', async () => {
    const logger = new MemoryLogger();
    const session = track(sessionFor(smsc.port, { password: 'hunter2', logger }));
    const closes: string[] = [];
    session.on('close', (event) => closes.push(event.reason));

    const { error } = await outcome(session.open());

    expect(error).toBeInstanceOf(BindError);
    const bindError = error as BindError;
    expect(bindError.message).toBe('bind_transceiver rejected: ESME_RINVPASWD (0x0000000E) Invalid Password');
    expect(bindError.commandStatus).toBe(0x0e);
    expect(bindError.statusName).toBe('ESME_RINVPASWD');
    expect(JSON.stringify(bindError) + bindError.message + String(bindError.stack)).not.toContain('hunter2');
    expect(logger.text()).not.toContain('hunter2');
    expect(session.state).toBe('closed');
    expect(closes).toEqual(['bind rejected: ESME_RINVPASWD']);
  });

  it('fails the bind with ResponseTimeoutError when the SMSC never answers it, then is closed', async () => {
    const silent = await FakeSmsc.start({ respond: false });
    try {
      const session = track(sessionFor(silent.port, { bindTimeoutMs: 100 }));
      const { error } = await outcome(session.open());
      expect(error).toBeInstanceOf(ResponseTimeoutError);
      expect((error as ResponseTimeoutError).command).toBe('bind_transceiver');
      expect((error as ResponseTimeoutError).timeoutMs).toBe(100);
      expect(session.state).toBe('closed');
    } finally {
      await silent.stop();
    }
  });

  it('reports a refused connection as ConnectError naming host:port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const session = track(sessionFor(port));
    const { error } = await outcome(session.open());

    expect(error).toBeInstanceOf(ConnectError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toContain('connection refused');
    expect(session.state).toBe('closed');
  });

  it('times out a connection whose handshake never completes (ConnectError)', async () => {
    // A TCP server that accepts but never speaks TLS: the TLS handshake hangs until the connect timeout.
    const mute = net.createServer((socket) => socket.on('error', () => undefined).resume());
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const port = (mute.address() as net.AddressInfo).port;
    try {
      const session = track(sessionFor(port, { tls: true, connectTimeoutMs: 150 }));
      const { error } = await outcome(session.open());
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toBe(
        `cannot connect to SMSC 127.0.0.1:${port}: timed out after 150 ms`,
      );
    } finally {
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });

  it('rejects open() with SessionClosedError when closed while binding', async () => {
    const silent = await FakeSmsc.start({ respond: false });
    try {
      const session = track(sessionFor(silent.port));
      const opening = outcome(session.open());
      await silent.next((pdu) => pdu.command === 'bind_transceiver');
      await session.close();
      const { error } = await opening;
      expect(error).toBeInstanceOf(SessionClosedError);
      expect(session.state).toBe('closed');
    } finally {
      await silent.stop();
    }
  });

  it('can be opened again after closing', async () => {
    const session = track(sessionFor(smsc.port));
    await session.open();
    await session.close();
    expect(session.state).toBe('closed');
    await session.open();
    expect(session.state).toBe('bound');
    expect((await session.request(submitSm())).command_status).toBe(0);
  });

  it('closes gracefully: unbind, unbind_resp, then closed', async () => {
    const session = track(sessionFor(smsc.port));
    await session.open();
    const states: string[] = [];
    session.on('state', (change) => states.push(`${change.current}:${change.reason}`));
    const unbind = smsc.next((pdu) => pdu.command === 'unbind');
    await session.close('done');
    expect(await unbind).toMatchObject({ command: 'unbind' });
    expect(states).toEqual(['unbinding:done', 'closed:done']);
    await expect(session.request(submitSm())).rejects.toBeInstanceOf(SessionClosedError);
    await session.close(); // idempotent
  });
});
