import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { ConnectError, SmppSession } from '../../lib/session/index.js';
import { FakeSmsc } from './fake-smsc.js';
import { outcome, sessionFor, submitSm } from './session-helpers.js';

/**
 * A TLS front for the fake SMSC with a self-signed certificate made at test time (openssl; Node cannot make
 * X.509 certificates itself). Its names are DNS:localhost and IP:127.0.0.1.
 */
describe('SmppSession over TLS', () => {
  let dir: string;
  let cert: Buffer;
  let smsc: FakeSmsc;
  let front: tls.Server;
  let port: number;
  const sessions: SmppSession[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'naz-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'));
    smsc = await FakeSmsc.start({ password: 'secret' });
    front = tls.createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (secure) => {
      const plain = net.connect(smsc.port, '127.0.0.1');
      secure.on('error', () => plain.destroy());
      plain.on('error', () => secure.destroy());
      secure.pipe(plain).pipe(secure);
    });
    front.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    port = (front.address() as net.AddressInfo).port;
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.destroy('test over');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => front.close(() => resolve()));
    await smsc.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies certificates by default: a self-signed one is refused with ConnectError', async () => {
    const session = sessionFor(port, { tls: true });
    sessions.push(session);
    const { error } = await outcome(session.open());
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toMatch(/self[- ]signed/i);
    expect(session.state).toBe('closed');
  });

  it('binds and sends when the certificate is trusted through tls.ca', async () => {
    const session = sessionFor(port, { tls: { ca: cert } });
    sessions.push(session);
    await session.open();
    expect(session.state).toBe('bound');
    expect((await session.request(submitSm())).command_status).toBe(0);
    await session.close();
  });

  it('checks the host name: servername picks the name the certificate must carry', async () => {
    const wrongName = sessionFor(port, { tls: { ca: cert, servername: 'smsc.example.com' } });
    sessions.push(wrongName);
    const { error } = await outcome(wrongName.open());
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as Error).message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|altnames/);

    const rightName = sessionFor(port, { tls: { ca: cert, servername: 'localhost' } });
    sessions.push(rightName);
    await rightName.open();
    expect(rightName.state).toBe('bound');
  });
});
