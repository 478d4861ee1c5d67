import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SmppHealthIndicator } from '../../lib/health/index.js';
import { NazModule } from '../../lib/nest/index.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { clientOptionsFor, freePort, waitFor } from './helpers.js';

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly smpp: SmppHealthIndicator,
  ) {}
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.smpp.isBound('smpp')]);
  }
  @Get('unknown')
  @HealthCheck()
  unknown() {
    return this.health.check([() => this.smpp.isBound('other', { client: 'nope' })]);
  }
}

let app: INestApplication;
let port: number;
let sim: SmscSimulator | undefined;

beforeAll(async () => {
  port = await freePort();
  const moduleRef = await Test.createTestingModule({
    imports: [
      TerminusModule.forRoot({ logger: false }),
      NazModule.forRoot({ ...clientOptionsFor({ host: '127.0.0.1', port }), password: 'pa55word' }),
    ],
    controllers: [HealthController],
    providers: [SmppHealthIndicator],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  // The SMSC is down: the app must start anyway.
  await app.init();
});
afterAll(async () => {
  await app?.close();
  await sim?.stop();
});

describe('SmppHealthIndicator over HTTP', () => {
  it('answers 503 while the SMSC is down, 200 once it is up and bound, 503 again when it goes away', async () => {
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.error.smpp).toMatchObject({ status: 'down', client: 'default' });
    expect(down.body.error.smpp.state).not.toBe('bound');

    sim = await SmscSimulator.start({ port });
    await waitFor(
      async () => (await request(app.getHttpServer()).get('/health')).status === 200,
      'health 200',
    );
    const up = await request(app.getHttpServer()).get('/health');
    expect(up.body.info.smpp).toMatchObject({
      status: 'up',
      client: 'default',
      state: 'bound',
      systemId: 'naz-smsc',
      inFlight: 0,
      boundSessions: 1,
    });
    expect(up.body.info.smpp).toHaveProperty('queueDepth');
    expect(up.body.info.smpp).toHaveProperty('lastKeepaliveRttMs');
    expect(JSON.stringify(up.body)).not.toContain('pa55word');

    await sim.stop();
    sim = undefined;
    await waitFor(
      async () => (await request(app.getHttpServer()).get('/health')).status === 503,
      'health 503',
    );
  });

  it('reports a client that does not exist as down, naming it', async () => {
    const res = await request(app.getHttpServer()).get('/health/unknown');
    expect(res.status).toBe(503);
    expect(res.body.error.other.message).toContain('no SMPP client named "nope"');
  });
});
