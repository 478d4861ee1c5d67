/**
 * The one-line plug-in: `RedisOutboundQueue.provider()` and `RedisCorrelator.provider()` in a NazModule's
 * `extraProviders` replace the in-memory defaults, and messages sent through `SmppClientService.send()`
 * travel through the Redis stream to the SMSC.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { SmppHealthIndicator } from '../../lib/health/index.js';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCorrelator } from '../../lib/correlation/redis/index.js';
import { NAZ_CORRELATOR, NAZ_OUTBOUND_QUEUE, NazModule, SmppClientService } from '../../lib/nest/index.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';

let redis: RedisTestServer;
let sim: SmscSimulator;

beforeAll(async () => {
  redis = await startRedisServer();
  sim = await SmscSimulator.start({ receipts: { delayMs: 0 } });
});

afterAll(async () => {
  await sim.stop();
  await redis.stop();
});

describe('Redis adapters as Nest providers', () => {
  it('replace the in-memory queue and correlator with one line each', async () => {
    const stream = `nest:${randomBytes(4).toString('hex')}`;
    const moduleRef = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({
          host: sim.host,
          port: sim.port,
          systemId: 'nest',
          password: 'pw',
          logLevel: 'error',
          metrics: false,
          extraProviders: [
            RedisOutboundQueue.provider({ connection: redis.url, stream, blockMs: 200 }),
            RedisCorrelator.provider({ connection: redis.url }),
          ],
        }),
        TerminusModule,
      ],
      providers: [SmppHealthIndicator],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      expect(app.get(NAZ_OUTBOUND_QUEUE)).toBeInstanceOf(RedisOutboundQueue);
      expect(app.get(NAZ_CORRELATOR)).toBeInstanceOf(RedisCorrelator);
      const smpp = app.get(SmppClientService);
      const receipts = new Map<string, string>();
      smpp.client.on('deliveryReceipt', (e) => {
        if (e.correlationId) receipts.set(e.correlationId, e.receipt.state);
      });
      for (let i = 0; i < 20; i++) {
        await smpp.send({ to: '254700000001', text: `via redis ${i}`, correlationId: `r${i}` });
      }
      const deadline = Date.now() + 15_000;
      while (receipts.size < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(receipts.size).toBe(20);
      expect([...receipts.values()].every((state) => state === 'DELIVRD')).toBe(true);
      // The stream held the messages: its consumer group delivered them all, and nothing is left pending.
      const admin = new Redis(redis.url);
      try {
        const pending = (await admin.xpending(stream, 'naz')) as [number, ...unknown[]];
        expect(Number(pending[0])).toBe(0);
      } finally {
        admin.disconnect();
      }
      // Health: the broker's connection state and counters, never its credentials.
      const health = await app.get(SmppHealthIndicator).isQueueHealthy('queue');
      expect(health.queue).toMatchObject({
        status: 'up',
        broker: 'redis',
        connected: true,
        stream,
        pending: 0,
      });
    } finally {
      await app.close();
    }
  });
});
