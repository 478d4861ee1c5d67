/**
 * The scale-out policies the Nest way: `RedisRateLimiter.provider()` and `RedisBindBudget.provider()` in
 * `extraProviders`, a replica in standby reported up by the health indicator, and its messages going out once it
 * takes over the account's bind.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { SmppClient } from '../../lib/client/smpp-client.js';
import { RedisBindBudget } from '../../lib/cluster/redis-bind-budget.js';
import { SmppHealthIndicator } from '../../lib/health/index.js';
import { NAZ_BIND_BUDGET, NAZ_RATE_LIMITER, NazModule, SmppClientService } from '../../lib/nest/index.js';
import { RedisRateLimiter } from '../../lib/rate-limit/redis/redis-rate-limiter.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { waitFor } from '../nest/helpers.js';

let redis: RedisTestServer;
let sim: SmscSimulator;

beforeAll(async () => {
  redis = await startRedisServer();
  sim = await SmscSimulator.start({ receipts: { enabled: false }, maxBindsPerAccount: 1 });
});
afterAll(async () => {
  await sim.stop();
  await redis.stop();
});

describe('scale-out policies in a Nest app', () => {
  it('waits in standby (health up, standby: true) while another replica holds the only bind, then takes over', async () => {
    const account = 'nestacct';
    // Another replica of the same account holds the single bind the budget allows.
    const otherBudget = new RedisBindBudget({
      connection: redis.url,
      account,
      maxBinds: 1,
      renewIntervalMs: 500,
    });
    const other = new SmppClient(
      { host: sim.host, port: sim.port, systemId: account, password: 'pw', logLevel: 'error' },
      { bindBudget: otherBudget },
    );
    await other.start();
    await other.waitUntilBound(10_000);

    const moduleRef = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({
          host: sim.host,
          port: sim.port,
          systemId: account,
          password: 'pw',
          logLevel: 'error',
          metrics: false,
          reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
          extraProviders: [
            RedisRateLimiter.provider({ connection: redis.url, account, perSecond: 50 }),
            RedisBindBudget.provider({ connection: redis.url, account, maxBinds: 1, renewIntervalMs: 500 }),
          ],
        }),
        TerminusModule,
      ],
      providers: [SmppHealthIndicator],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(app.get(NAZ_RATE_LIMITER)).toBeInstanceOf(RedisRateLimiter);
      expect(app.get(NAZ_BIND_BUDGET)).toBeInstanceOf(RedisBindBudget);
      const smpp = app.get(SmppClientService);
      await waitFor(() => smpp.state === 'standby', 'the Nest replica to wait in standby', 10_000);
      const health = app.get(SmppHealthIndicator).isBound('smpp');
      expect(health.smpp).toMatchObject({
        status: 'up',
        state: 'standby',
        standby: true,
        boundSessions: 0,
        rateLimiter: { broker: 'redis', mode: 'shared', perSecond: 50 },
        bindBudget: { broker: 'redis', maxBinds: 1, held: 0, standby: 1 },
      });
      expect(smpp.stats().standbySessions).toBe(1);

      const submitted: string[] = [];
      smpp.client.on('submitted', (e) => submitted.push(e.correlationId));
      await smpp.send({ to: '447700900001', text: 'held in standby', correlationId: 'standby-1' });
      await new Promise((r) => setTimeout(r, 300));
      expect(submitted).toEqual([]);

      // The other replica leaves: its unbind releases the lease and this one binds and sends.
      await other.stop();
      await otherBudget.close();
      await waitFor(
        () => submitted.includes('standby-1'),
        'the held message to go out after takeover',
        10_000,
      );
      expect(smpp.state).toBe('bound');
      expect(smpp.stats().standbySessions).toBe(0);
      // The message was paced by the shared bucket of the account.
      const admin = new Redis(redis.url);
      try {
        expect(await admin.exists(`naz:{${account}}:rate`)).toBe(1);
      } finally {
        admin.disconnect();
      }
    } finally {
      await app.close();
    }
    expect(sim.stats().statuses.ESME_RALYBND ?? 0).toBe(0);
  }, 60_000);
});
