import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createServer } from 'node:net';
import { SmppClient } from '../../lib/client/smpp-client.js';
import type { HookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import { maskSecretsInText } from '../../lib/logging/mask-secrets-in-text.js';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { until } from './support/chaos-env.js';

/** A port nothing listens on: listened on (port 0), read back, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Keeps each entry's message and its fields as JSON, as a log sink would see them. */
class TextLogger implements NazLogger {
  readonly messages: string[] = [];
  readonly lines: string[] = [];
  debug(message: string, fields?: Record<string, unknown>): void {
    this.keep(message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.keep(message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.keep(message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.keep(message, fields);
  }
  isDebugEnabled(): boolean {
    return false;
  }
  private keep(message: string, fields: Record<string, unknown> | undefined): void {
    this.messages.push(message);
    this.lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  }
}

/** `secret` standing as a whole token in `text` (the forms a leak takes: quoted, after `=`, between spaces). */
function leaksAsToken(text: string, secret: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s"'=,;(\\[{<>])${escaped}(?:$|[\\s"',;)\\]}<>]|[.:!?](?:\\s|$))`).test(text);
}

/**
 * A client's whole life with `password`: bound to a simulator (a careless hook throws an error quoting the
 * bind request, password and all), one message accepted, stopped; then a second client against a dead port
 * that gives up after one attempt. Returns what the logger received.
 */
async function lifeWith(password: string, sim: SmscSimulator, dead: number): Promise<TextLogger> {
  const logger = new TextLogger();
  // A careless application hook: its error quotes the app's own copy of the credentials (the session hands hooks
  // a bind request whose password is already masked, so the leak has to come from elsewhere, as it would).
  const leakyHook = {
    beforeRequest(context: HookContext) {
      if (context.request.command.startsWith('bind_')) {
        throw new Error(
          `audit refused ${context.request.command} with password ${password}: vault https://esme:${password}@vault.local ` +
            `answered {"systemId":"esme","password":"${password}"} (token "${password}")`,
        );
      }
    },
  };
  const client = new SmppClient(
    {
      host: '127.0.0.1',
      port: sim.port,
      systemId: 'esme',
      password,
      logLevel: 'info',
      reconnect: { initialDelayMs: 20, jitter: 0 },
      defaults: { from: 'ACME', sourceAddrTon: 5 },
    },
    { logger, hooks: leakyHook },
  );
  const accepted: string[] = [];
  client.on('submitted', (e) => accepted.push(e.correlationId));
  await client.start();
  await client.waitUntilBound(5000);
  await client.send({ to: '447700900123', text: 'hello', correlationId: 'c-1' });
  await until(() => accepted.length === 1, 5000, 'the message accepted');
  await client.stop({ drainTimeoutMs: 100 });

  const gone = new SmppClient(
    {
      host: '127.0.0.1',
      port: dead,
      systemId: 'esme',
      password,
      reconnect: { maxAttempts: 1 },
    },
    { logger },
  );
  await gone.start();
  const error = await gone.waitUntilBound(5000).then(
    () => new Error('bound to a dead port?'),
    (e: unknown) => e as Error,
  );
  // Error text we build reaches users unmasked (thrown, not logged): it must hold no secret to begin with.
  logger.messages.push(`thrown: ${error.message}`);
  logger.lines.push(`thrown: ${error.message} ${String(error.cause)}`);
  await gone.stop({ drainTimeoutMs: 0 });
  return logger;
}

describe('chaos: redaction hides a password of any length without changing any other text', () => {
  let sim: SmscSimulator;
  let dead: number;
  let baseline: TextLogger;

  beforeAll(async () => {
    sim = await SmscSimulator.start({ port: 0, receipts: { enabled: false } });
    dead = await deadPort();
    // A password that appears nowhere else: its logs are the text every other password must leave unchanged.
    baseline = await lifeWith('Zq#8vW!k', sim, dead);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('the baseline run is not blind: the hook error is logged, masked, and the dead port is named', () => {
    const all = baseline.lines.join('\n');
    expect(all).toContain('audit refused bind_transceiver with password ***: ');
    expect(all).toContain(
      'vault https://esme:***@vault.local answered {\\"systemId\\":\\"esme\\",\\"password\\":\\"***\\"} (token \\"***\\")',
    );
    expect(all).toContain('thrown: waitUntilBound: no SMPP session bound (gave up reconnecting');
    expect(all).toContain(`cannot connect to SMSC 127.0.0.1:${dead}`);
    expect(all).toContain('giving up after 1 attempts');
    expect(all).not.toContain('Zq#8vW!k');
  });

  // 1 to 8 characters, including the examples: `y`, `o`, and a password equal to the SMSC's port.
  const passwords = (): string[] => [
    'y',
    'o',
    'x7',
    'k9z',
    '2775',
    String(dead),
    'pw6789',
    'hunter2',
    'S3cr3t!x',
  ];

  it.each(Array.from({ length: 9 }, (_, i) => i))(
    'password #%i: same messages as the baseline, never a token in any line',
    async (i) => {
      const password = passwords()[i];
      const logger = await lifeWith(password, sim, dead);
      // No unrelated text changes: every message reads exactly as with a password found nowhere else.
      expect(logger.messages).toEqual(baseline.messages);
      for (const line of logger.lines) {
        expect(leaksAsToken(line, password)).toBe(false);
        expect(line).not.toMatch(/password\\?":\\?"(?!\*\*\*)/);
      }
      expect(logger.lines.join('\n')).toContain(`cannot connect to SMSC 127.0.0.1:${dead}`);
    },
  );
});

describe('maskSecretsInText: the issue’s examples', () => {
  it.each([
    ['y', 'unknown option windowsize; did you mean windowSize?'],
    ['o', 'unknown option foo; known options here: host, port'],
    ['2775', 'cannot connect to SMSC 127.0.0.1:2775: connection refused'],
    ['b', 'naz-cli: /tmp/naz-cli-x/bad-queue.json: unknown option windowsize; did you mean windowSize?'],
    ['bad', 'config /tmp/bad/bad-queue.json is not readable'],
  ])('password %p leaves %p unchanged', (password, text) => {
    expect(maskSecretsInText(text, [password])).toBe(text);
  });

  it.each([
    ['y', 'bind refused for password y.', 'bind refused for password ***.'],
    ['y', '{"system_id":"esme","password":"y"}', '{"system_id":"esme","password":"***"}'],
    ['2775', 'password=2775&user=esme', 'password=***&user=esme'],
    ['hunter2', 'redis://app:hunter2@127.0.0.1:6379/0', 'redis://app:***@127.0.0.1:6379/0'],
    ['hunter2', 'login "hunter2" failed (hunter2)', 'login "***" failed (***)'],
    ['S3cr3t!x', 'pass S3cr3t!x, then S3cr3t!x; done', 'pass ***, then ***; done'],
  ])('password %p in %p becomes %p', (password, text, expected) => {
    expect(maskSecretsInText(text, [password])).toBe(expected);
  });
});
