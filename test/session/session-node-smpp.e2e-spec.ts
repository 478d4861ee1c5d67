import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { createRequire } from 'node:module';
import type net from 'node:net';
import { BindError, SmppSession, type SessionCloseEvent } from '../../lib/session/index.js';
import { outcome, sessionFor, submitSm, until } from './session-helpers.js';

/** The slice of node-smpp 0.5.1's server API these tests use (the package ships no types). */
interface NodeSmppPdu {
  command: string;
  command_status: number;
  sequence_number: number;
  password?: string;
  short_message?: { message?: string } | Buffer | string;
  response(options?: Record<string, unknown>): NodeSmppPdu;
}
interface NodeSmppSession {
  on(event: string, listener: (pdu: NodeSmppPdu) => void): void;
  send(pdu: NodeSmppPdu): void;
  deliver_sm(options: Record<string, unknown>, callback: (pdu: NodeSmppPdu) => void): void;
  enquire_link(options: Record<string, unknown>, callback: (pdu: NodeSmppPdu) => void): void;
  unbind(options: Record<string, unknown>, callback: (pdu: NodeSmppPdu) => void): void;
  close(): void;
}
interface NodeSmppServer extends net.Server {
  sessions: NodeSmppSession[];
}
const smpp = createRequire(import.meta.url)('smpp') as {
  createServer(listener: (session: NodeSmppSession) => void): NodeSmppServer;
};

describe('SmppSession against the smpp npm package (node-smpp 0.5.1) as the SMSC', () => {
  let server: NodeSmppServer;
  let port: number;
  let serverSessions: NodeSmppSession[] = [];
  let maxInFlight = 0;
  const sessions: SmppSession[] = [];

  beforeAll(async () => {
    server = smpp.createServer((session) => {
      serverSessions.push(session);
      session.on('error', () => undefined);
      for (const bind of ['bind_transmitter', 'bind_receiver', 'bind_transceiver']) {
        session.on(bind, (pdu) =>
          session.send(
            pdu.password === 'secret'
              ? pdu.response({ system_id: 'NODESMPP' })
              : pdu.response({ command_status: 0x0e }),
          ),
        );
      }
      let inFlight = 0;
      session.on('submit_sm', (pdu) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setImmediate(() => {
          inFlight--;
          session.send(pdu.response({ message_id: `n${pdu.sequence_number}` }));
        });
      });
      session.on('enquire_link', (pdu) => session.send(pdu.response()));
      session.on('unbind', (pdu) => {
        session.send(pdu.response());
        session.close();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.destroy('test over');
    serverSessions = [];
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const open = async (options: Parameters<typeof sessionFor>[1] = {}): Promise<SmppSession> => {
    const session = sessionFor(port, options);
    sessions.push(session);
    await session.open();
    return session;
  };

  it.each(['transmitter', 'receiver', 'transceiver'] as const)('binds as %s', async (bindMode) => {
    const session = await open({ bindMode });
    expect(session.state).toBe('bound');
    expect(session.systemId).toBe('NODESMPP');
  });

  it('is rejected with BindError ESME_RINVPASWD for a wrong password', async () => {
    const session = sessionFor(port, { password: 'wrong' });
    sessions.push(session);
    const { error } = await outcome(session.open());
    expect(error).toBeInstanceOf(BindError);
    expect((error as Error).message).toContain('ESME_RINVPASWD (0x0000000E)');
  });

  it('submits 2000 messages through a window of 50, never exceeding it', async () => {
    maxInFlight = 0;
    const session = await open({ windowSize: 50 });
    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => session.request(submitSm(`n${i}`))),
    );
    expect(responses.every((r) => r.command === 'submit_sm_resp' && r.command_status === 0)).toBe(true);
    expect(responses[0].command === 'submit_sm_resp' && responses[0].message_id).toMatch(/^n\d+$/);
    expect(maxInFlight).toBeLessThanOrEqual(50);
  });

  it('answers deliver_sm with the handler status, and enquire_link', async () => {
    const texts: string[] = [];
    await open({
      inboundHandler: (pdu) => {
        texts.push(pdu.command === 'deliver_sm' ? pdu.short_message.toString() : '');
        return 0x08;
      },
    });
    await until(() => serverSessions.length > 0);
    const peer = serverSessions[0];
    const deliverResp = await new Promise<NodeSmppPdu>((resolve) =>
      peer.deliver_sm(
        { source_addr: '447700900123', destination_addr: '1234', short_message: Buffer.from('MO!') },
        resolve,
      ),
    );
    expect(deliverResp.command).toBe('deliver_sm_resp');
    expect(deliverResp.command_status).toBe(0x08);
    expect(texts).toEqual(['MO!']);
    const enquireResp = await new Promise<NodeSmppPdu>((resolve) => peer.enquire_link({}, resolve));
    expect(enquireResp.command).toBe('enquire_link_resp');
  });

  it('answers an unbind from node-smpp and closes', async () => {
    const session = await open();
    await until(() => serverSessions.length > 0);
    const closed = new Promise<SessionCloseEvent>((resolve) => session.once('close', resolve));
    const unbindResp = await new Promise<NodeSmppPdu>((resolve) => serverSessions[0].unbind({}, resolve));
    expect(unbindResp.command).toBe('unbind_resp');
    expect((await closed).reason).toBe('unbind from SMSC');
  });

  it('unbinds gracefully on close()', async () => {
    const session = await open();
    await session.close();
    expect(session.state).toBe('closed');
  });
});
