import 'reflect-metadata';
import { describe, it, expect, afterAll } from '@jest/globals';
import type { HealthIndicatorService } from '@nestjs/terminus';
import type { ModuleRef } from '@nestjs/core';
import { SmppClient } from '../../lib/client/smpp-client.js';
import { SmppHealthIndicator } from '../../lib/health/smpp.health.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CHAOS_PASSWORD, CHAOS_SYSTEM_ID, until } from './support/chaos-env.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { chaosClientOptions, startChaosSimulator } from './support/chaos-fixtures.js';
import { SecretWitness, containsSecret } from './support/secret-scan.js';

/** A Terminus HealthIndicatorService stand-in that returns what the indicator reports. */
const health = {
  check: (key: string) => ({
    up: (details: Record<string, unknown>) => ({ [key]: { status: 'up', ...details } }),
    down: (details: Record<string, unknown>) => ({ [key]: { status: 'down', ...details } }),
  }),
} as unknown as HealthIndicatorService;

/** The health details of `client`, through the real indicator. */
function healthOf(client: SmppClient): unknown {
  const service = {
    client,
    stats: () => client.stats(),
    state: client.state,
    isBound: () => client.isBound(),
  };
  const moduleRef = { get: () => service } as unknown as ModuleRef;
  return new SmppHealthIndicator(health, moduleRef).isBound('smpp');
}

/**
 * The secret check of every other scenario runs on its own captured lines; this file drives the paths most
 * likely to quote a password: a refused bind, invalid options, a dead SMSC, and the health details.
 */
describe('chaos: the password appears in no log line, error message, event or health detail', () => {
  const clients: SmppClient[] = [];
  let sim: SmscSimulator | undefined;

  afterAll(async () => {
    for (const c of clients) await c.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('the search finds the password in the forms it could leak in (the check is not blind)', () => {
    const witness = new SecretWitness();
    witness.check('plain', `bind with ${CHAOS_PASSWORD}`);
    witness.check('nested', { options: { tls: { pass: CHAOS_PASSWORD } } });
    witness.check('error', new Error('wrapped', { cause: new Error(`password=${CHAOS_PASSWORD}`) }));
    witness.check('buffer', { pdu: Buffer.from(`\0${CHAOS_PASSWORD}\0`) });
    witness.check('hex', Buffer.from(CHAOS_PASSWORD).toString('hex'));
    expect(witness.leaks).toHaveLength(5);
  });

  it('a bind refused with ESME_RINVPASWD names the status, never the password', async () => {
    sim = await startChaosSimulator({ credentials: [{ system_id: CHAOS_SYSTEM_ID, password: 'other' }] });
    const logger = new CapturingLogger();
    const client = new SmppClient(chaosClientOptions(sim.port, { reconnect: { initialDelayMs: 20 } }), {
      logger,
    });
    clients.push(client);
    const warnings: unknown[] = [];
    client.on('warning', (w) => warnings.push(w));
    client.on('state', (s) => logger.witness.check('state event', s));
    await client.start();
    const error = await client.waitUntilBound(500).catch((e: unknown) => e);
    await until(() => warnings.length >= 2, 5000, 'two refused binds');
    expect(String(error)).toContain('ESME_RINVPASWD');
    logger.witness.check('waitUntilBound error', error);
    logger.witness.check('warnings', warnings);
    logger.witness.check('stats', client.stats());
    logger.witness.check('health', healthOf(client));
    expect(logger.witness.leaks).toEqual([]);
    expect(logger.count('')).toBeGreaterThan(0);
  });

  it('invalid options never echo the password, even when the password is the invalid one', () => {
    const witness = new SecretWitness();
    const attempts = [
      { password: `${CHAOS_PASSWORD}TOO-LONG` },
      { password: `${CHAOS_PASSWORD}`, port: -1 },
      { password: `${CHAOS_PASSWORD}`, windowSize: 0 },
      { password: 42 },
    ];
    for (const extra of attempts) {
      let error: unknown;
      try {
        new SmppClient({ ...chaosClientOptions(1), ...(extra as object) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      witness.check('InvalidOptionsError', error);
    }
    expect(witness.leaks).toEqual([]);
  });

  it('a dead SMSC (connection refused) and a client at work: logs, events, stats and health are clean', async () => {
    const logger = new CapturingLogger();
    // Port 1 on localhost: refused at once.
    const client = new SmppClient(
      chaosClientOptions(1, { reconnect: { initialDelayMs: 20, maxDelayMs: 50 } }),
      {
        logger,
      },
    );
    clients.push(client);
    client.on('warning', (w) => logger.witness.check('warning event', w));
    await client.start();
    await until(() => client.stats().bindFailures >= 3, 5000, 'three failed connects');
    await client.send({ to: '447700900123', text: 'queued while down' });
    logger.witness.check('stats', client.stats());
    logger.witness.check('health', healthOf(client));
    expect(containsSecret(JSON.stringify(healthOf(client)))).toBe(false);
    expect(logger.witness.leaks).toEqual([]);
    expect(logger.total).toBeGreaterThan(3);
  });
});
