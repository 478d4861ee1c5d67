import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { Controller, Get, Injectable, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test, type TestingModule } from '@nestjs/testing';
import { Registry } from 'prom-client';
import request from 'supertest';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { SmppHealthIndicator } from '../../lib/health/index.js';
import {
  InjectSmppRouter,
  NAZ_ROUTER_QUEUE,
  NazModule,
  SmppRouterService,
  type NazRouterEvent,
} from '../../lib/nest/index.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import type { QueuedMessage } from '../../lib/queue/outbound-queue.interface.js';
import { InvalidRouteError } from '../../lib/router/errors/invalid-route.error.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { clientOptionsFor, waitFor } from '../nest/helpers.js';

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly smpp: SmppHealthIndicator,
  ) {}
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.smpp.isBound('uk', { client: 'uk' }),
      () => this.smpp.isRouterHealthy('routes'),
    ]);
  }
}

/** A real in-memory queue that remembers what was put in it (as a durable adapter would be bound). */
class CountingQueue extends InMemoryOutboundQueue {
  readonly enqueued: string[] = [];
  override enqueue(message: QueuedMessage): Promise<void> {
    this.enqueued.push(message.correlationId);
    return super.enqueue(message);
  }
}

@Injectable()
class OtpSender {
  constructor(@InjectSmppRouter('otp') readonly otp: SmppRouterService) {}
}

let uk: SmscSimulator;
let eu: SmscSimulator;

beforeAll(async () => {
  uk = await SmscSimulator.start({ port: 0, systemId: 'smsc-uk', receipts: { enabled: false } });
  eu = await SmscSimulator.start({ port: 0, systemId: 'smsc-eu', receipts: { enabled: false } });
});
afterAll(async () => {
  await uk.stop();
  await eu.stop();
});

const open: Array<TestingModule | INestApplication> = [];
afterEach(async () => {
  for (const closable of open.splice(0)) await closable.close();
});

function clients() {
  return [
    NazModule.forRoot({ name: 'uk', ...clientOptionsFor(uk) }),
    NazModule.forRoot({ name: 'eu', ...clientOptionsFor(eu) }),
  ];
}

describe('NazModule.forRouter', () => {
  it('routes by prefix over named clients, reports the handling client, and counts failovers', async () => {
    const registry = new Registry();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...clients(),
        NazModule.forRouter({
          routes: [
            { prefix: '44', clients: ['uk', 'eu'] },
            { prefix: '33', clients: ['eu'] },
          ],
          metrics: { registry },
        }),
      ],
    }).compile();
    open.push(moduleRef);
    await moduleRef.init();
    const router = moduleRef.get(SmppRouterService);
    await waitFor(() => router.status().healthy && router.status().clients.uk!.state === 'bound', 'bound');
    await waitFor(() => router.status().clients.eu!.state === 'bound', 'eu bound');

    const routed = firstValueFrom(
      router.events$.pipe(
        filter((e): e is Extract<NazRouterEvent, { type: 'routed' }> => e.type === 'routed'),
        take(2),
        toArray(),
      ),
    );
    await router.send({ to: '447700900001', text: 'uk', correlationId: 'to-uk' });
    await router.send({ to: '33612345678', text: 'eu', correlationId: 'to-eu' });
    const events = await routed;
    expect(events.map((e) => [e.payload.correlationId, e.payload.route, e.payload.client]).sort()).toEqual([
      ['to-eu', '33', 'eu'],
      ['to-uk', '44', 'uk'],
    ]);

    uk.setFaults({ queueFullEveryNth: 1 });
    try {
      const result = await router.submit({ to: '447700900002', text: 'moved' });
      expect(result.client).toBe('eu');
    } finally {
      uk.clearFaults();
    }
    const metrics = await registry.metrics();
    expect(metrics).toContain(
      'naz_router_failovers_total{router="default",route="44",from="uk",to="eu",reason="ESME_RMSGQFUL"} 1',
    );
    expect(metrics).toContain(
      'naz_router_messages_total{router="default",route="44",client="eu",result="routed"} 1',
    );
    expect(metrics).toContain('naz_router_circuit_state{router="default",client="uk"} 0');
    expect(metrics).toContain('naz_router_usable_clients{router="default",route="33"} 1');
  });

  it('builds a named router from an async factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...clients(),
        NazModule.forRouterAsync({
          name: 'otp',
          useFactory: async () => ({
            routes: [{ prefix: '44', clients: ['uk'] }],
            fallback: ['eu'],
            metrics: false,
          }),
        }),
      ],
      providers: [OtpSender],
    }).compile();
    open.push(moduleRef);
    await moduleRef.init();
    const { otp } = moduleRef.get(OtpSender);
    expect(otp.name).toBe('otp');
    await waitFor(() => otp.status().clients.eu!.state === 'bound', 'eu bound');
    const result = await otp.submit({ to: '4915112345678', text: 'fallback' });
    expect(result).toMatchObject({ route: 'fallback', client: 'eu' });
  });

  it('queues send() in the queue bound to NAZ_ROUTER_QUEUE', async () => {
    const queue = new CountingQueue();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...clients(),
        NazModule.forRouter({
          routes: [{ prefix: '44', clients: ['uk'] }],
          metrics: false,
          extraProviders: [{ provide: NAZ_ROUTER_QUEUE, useValue: queue }],
        }),
      ],
    }).compile();
    open.push(moduleRef);
    await moduleRef.init();
    const router = moduleRef.get(SmppRouterService);
    expect(router.router.outboundQueue).toBe(queue);
    const routed = firstValueFrom(router.events$.pipe(filter((e) => e.type === 'routed')));
    await router.send({ to: '447700900003', text: 'durable', correlationId: 'via-queue' });
    expect(queue.enqueued).toEqual(['via-queue']);
    expect((await routed).payload).toMatchObject({ correlationId: 'via-queue', client: 'uk' });
  });

  it('stops the app at start-up when a route names a client nobody registered', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...clients(),
        NazModule.forRouter({
          routes: [{ name: 'france', prefix: '33', clients: ['eu', 'fr'] }],
          metrics: false,
        }),
      ],
    }).compile();
    open.push(moduleRef);
    const error = await moduleRef.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRouteError);
    expect(error).toMatchObject({ route: 'france', rule: 'unknown-client', path: 'routes[0].clients[1]' });
    expect((error as Error).message).toContain(`client "fr" is not registered`);
  });

  it('stops the app at start-up on an empty route, naming it', async () => {
    const error = await Test.createTestingModule({
      imports: [...clients(), NazModule.forRouter({ routes: [{ name: 'uk', prefix: '44', clients: [] }] })],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRouteError);
    expect(error).toMatchObject({ route: 'uk', rule: 'empty-route' });
  });
});

describe('SmppHealthIndicator.isRouterHealthy over HTTP', () => {
  it('is up while every route has a usable client, and names the route that has none', async () => {
    const lone = await SmscSimulator.start({ port: 0, systemId: 'smsc-lone', receipts: { enabled: false } });
    const moduleRef = await Test.createTestingModule({
      imports: [
        TerminusModule.forRoot({ logger: false }),
        NazModule.forRoot({ name: 'uk', ...clientOptionsFor(uk) }),
        NazModule.forRoot({ name: 'lone', ...clientOptionsFor(lone) }),
        NazModule.forRouter({
          routes: [
            { prefix: '44', clients: ['uk', 'lone'] },
            { prefix: '1', clients: ['lone'] },
          ],
          unboundFailoverMs: 100,
          metrics: false,
        }),
      ],
      controllers: [HealthController],
      providers: [SmppHealthIndicator],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    open.push(app);
    await app.init();
    try {
      await waitFor(
        async () => (await request(app.getHttpServer()).get('/health')).status === 200,
        'health 200',
      );
      const up = await request(app.getHttpServer()).get('/health');
      expect(up.body.info.routes).toMatchObject({
        status: 'up',
        router: 'default',
        routes: { '44': { healthy: true, usableClients: ['uk', 'lone'] }, '1': { healthy: true } },
        clients: { uk: { state: 'bound', circuit: 'closed', usable: true }, lone: { usable: true } },
      });

      await lone.stop();
      await waitFor(
        async () => (await request(app.getHttpServer()).get('/health')).status === 503,
        'health 503',
      );
      const down = await request(app.getHttpServer()).get('/health');
      expect(down.body.error.routes).toMatchObject({
        status: 'down',
        message: 'no usable client for route(s) 1',
        routes: {
          '44': { healthy: true, usableClients: ['uk'] },
          '1': { healthy: false, usableClients: [] },
        },
      });
      expect(down.body.info.uk).toMatchObject({ status: 'up' });
    } finally {
      await lone.stop();
    }
  });
});
