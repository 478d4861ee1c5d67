import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { Registry } from 'prom-client';
import {
  InjectSmppClient,
  NAZ_CORRELATOR,
  NAZ_HOOKS,
  NAZ_LOGGER,
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_THROTTLE_HANDLER,
  NazModule,
  OnSubmitResult,
  SmppClientService,
  getSmppClientToken,
  type NazModuleOptions,
  type NazOptionsFactory,
  type SubmitResultEvent,
} from '../../lib/nest/index.js';
import { InvalidOptionsError } from '../../lib/client/errors/index.js';
import { InMemoryCorrelator } from '../../lib/correlation/in-memory-correlator.js';
import type { CorrelationEntry } from '../../lib/correlation/correlator.interface.js';
import type { HookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import type { QueuedMessage } from '../../lib/queue/outbound-queue.interface.js';
import type { SmscSimulator } from '../../lib/simulator/index.js';
import { RecordingLogger, clientOptionsFor, startSimulator, waitFor } from './helpers.js';

let sim: SmscSimulator;
const open: TestingModule[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  for (const moduleRef of open.splice(0)) await moduleRef.close();
});

/** Compiles and starts (onModuleInit, onApplicationBootstrap) a testing module; closed after each test. */
async function start(metadata: Parameters<typeof Test.createTestingModule>[0]): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  open.push(moduleRef);
  await moduleRef.init();
  return moduleRef;
}

@Injectable()
class ResultLog {
  readonly results: SubmitResultEvent[] = [];
  @OnSubmitResult()
  onResult(result: SubmitResultEvent) {
    this.results.push(result);
  }
}

describe('NazModule.forRoot', () => {
  it('binds at bootstrap, sends through the queue, submits directly, and unbinds on close', async () => {
    const moduleRef = await start({
      imports: [NazModule.forRoot(clientOptionsFor(sim))],
      providers: [ResultLog],
    });
    const smpp = moduleRef.get(SmppClientService);
    await smpp.waitUntilBound(3000);
    expect(smpp.state).toBe('bound');
    expect(smpp.name).toBe('default');

    const { correlationId } = await smpp.send({ to: '447700900001', text: 'queued hello' });
    const log = moduleRef.get(ResultLog);
    await waitFor(() => log.results.some((r) => r.correlationId === correlationId), 'the submit result');
    expect(log.results.find((r) => r.correlationId === correlationId)).toMatchObject({ status: 'submitted' });

    const direct = await smpp.submit({ to: '447700900002', text: 'direct hello' });
    expect(direct.messageIds).toHaveLength(1);
    expect(smpp.stats().accepted).toBeGreaterThanOrEqual(2);

    const unbindsBefore = sim.stats().received.unbind ?? 0;
    await moduleRef.close();
    open.splice(open.indexOf(moduleRef), 1);
    expect(sim.stats().received.unbind ?? 0).toBe(unbindsBefore + 1);
  });

  it('closes the default policies it created on shutdown, never one you provided', async () => {
    const defaults = await start({ imports: [NazModule.forRoot(clientOptionsFor(sim))] });
    const defaultQueue = defaults.get<InMemoryOutboundQueue>(NAZ_OUTBOUND_QUEUE);
    const mine = new InMemoryOutboundQueue({ capacity: 10 });
    const provided = await start({
      imports: [
        NazModule.forRoot({
          ...clientOptionsFor(sim),
          name: 'provided',
          extraProviders: [{ provide: NAZ_OUTBOUND_QUEUE, useValue: mine }],
        }),
      ],
    });
    for (const moduleRef of [defaults, provided]) {
      await moduleRef.close();
      open.splice(open.indexOf(moduleRef), 1);
    }
    await expect(defaultQueue.enqueue({ to: '1', text: 'x', correlationId: 'c1' })).rejects.toThrow(
      'outbound queue is closed',
    );
    await expect(mine.enqueue({ to: '1', text: 'x', correlationId: 'c2' })).resolves.toBeUndefined();
  });

  it.each([
    ['rateLimit.perSecond', { rateLimit: { perSecond: 0 } }],
    ['windowSize', { windowSize: 0 }],
    ['host', { host: undefined }],
    ['password', { password: 'longer-than-8' }],
    ['metrics', { metrics: 'yes' }],
  ])('refuses to start when %s breaks its rule, naming the option', async (path, override) => {
    const options = { ...clientOptionsFor(sim), ...override } as NazModuleOptions;
    const attempt = Test.createTestingModule({ imports: [NazModule.forRoot(options)] }).compile();
    await expect(attempt).rejects.toBeInstanceOf(InvalidOptionsError);
    await expect(
      Test.createTestingModule({ imports: [NazModule.forRoot(options)] }).compile(),
    ).rejects.toMatchObject({ path, message: expect.stringContaining(path) });
  });

  it('never puts the password in the error of a bad option', async () => {
    const options = { ...clientOptionsFor(sim), password: 'hunter2hunter2' };
    const error = await Test.createTestingModule({ imports: [NazModule.forRoot(options)] })
      .compile()
      .catch((e: unknown) => e as Error);
    expect(String((error as Error).message)).not.toContain('hunter2hunter2');
  });

  it('makes the client injectable everywhere with isGlobal', async () => {
    @Injectable()
    class FeatureService {
      constructor(readonly smpp: SmppClientService) {}
    }
    @Module({ providers: [FeatureService] })
    class FeatureModule {}
    const moduleRef = await start({
      imports: [NazModule.forRoot({ ...clientOptionsFor(sim), isGlobal: true }), FeatureModule],
    });
    expect(moduleRef.get(FeatureService).smpp).toBe(moduleRef.get(SmppClientService));
  });
});

describe('NazModule.forRootAsync', () => {
  const configModule = () =>
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      load: [
        () => ({
          SMSC_HOST: sim.host,
          SMSC_PORT: String(sim.port),
          SMSC_SYSTEM_ID: 'async',
          SMSC_PASSWORD: 'secret',
        }),
      ],
    });

  const fromConfig = (config: ConfigService): NazModuleOptions => ({
    ...clientOptionsFor(sim),
    host: config.getOrThrow<string>('SMSC_HOST'),
    port: Number(config.getOrThrow<string>('SMSC_PORT')),
    systemId: config.getOrThrow<string>('SMSC_SYSTEM_ID'),
    password: config.getOrThrow<string>('SMSC_PASSWORD'),
  });

  @Injectable()
  class SmppConfig implements NazOptionsFactory {
    constructor(private readonly config: ConfigService) {}
    createNazOptions(): NazModuleOptions {
      return fromConfig(this.config);
    }
  }

  it('takes its options from ConfigService through useFactory', async () => {
    const moduleRef = await start({
      imports: [
        NazModule.forRootAsync({
          imports: [configModule()],
          inject: [ConfigService],
          useFactory: fromConfig,
        }),
      ],
    });
    await moduleRef.get(SmppClientService).waitUntilBound(3000);
    expect(sim.sessions.some((s) => s.systemId === 'async')).toBe(true);
  });

  it('takes its options from a class with useClass', async () => {
    const moduleRef = await start({
      imports: [NazModule.forRootAsync({ imports: [configModule()], useClass: SmppConfig })],
    });
    await moduleRef.get(SmppClientService).waitUntilBound(3000);
  });

  it('takes its options from an existing provider with useExisting', async () => {
    @Module({ imports: [configModule()], providers: [SmppConfig], exports: [SmppConfig] })
    class SmppConfigModule {}
    const moduleRef = await start({
      imports: [
        NazModule.forRootAsync({ imports: [SmppConfigModule], useExisting: SmppConfig, name: 'existing' }),
      ],
    });
    await moduleRef.get<SmppClientService>(getSmppClientToken('existing')).waitUntilBound(3000);
  });
});

describe('policy tokens', () => {
  it('uses the queue, rate limiter, throttle handler, hooks, correlator and logger a user provides', async () => {
    const enqueued: QueuedMessage[] = [];
    const acquired: number[] = [];
    const statuses: number[] = [];
    const hookCommands: string[] = [];
    const correlated: CorrelationEntry[] = [];
    const logger = new RecordingLogger();

    class CountingLimiter {
      acquire(tokens: number) {
        acquired.push(tokens);
        return Promise.resolve();
      }
    }
    class RecordingCorrelator extends InMemoryCorrelator {
      override put(entry: CorrelationEntry) {
        correlated.push(entry);
        return super.put(entry);
      }
    }

    const moduleRef = await start({
      imports: [
        NazModule.forRoot({
          ...clientOptionsFor(sim),
          extraProviders: [
            {
              provide: NAZ_OUTBOUND_QUEUE,
              useFactory: () => {
                const queue = new InMemoryOutboundQueue({ capacity: 10 });
                const enqueue = queue.enqueue.bind(queue);
                queue.enqueue = (message) => {
                  enqueued.push(message);
                  return enqueue(message);
                };
                return queue;
              },
            },
            { provide: NAZ_RATE_LIMITER, useClass: CountingLimiter },
            {
              provide: NAZ_THROTTLE_HANDLER,
              useValue: { onResponse: (s: number) => statuses.push(s), delayMs: () => 0 },
            },
            {
              provide: NAZ_HOOKS,
              useValue: { beforeRequest: (c: HookContext) => void hookCommands.push(c.request.command) },
            },
            { provide: NAZ_CORRELATOR, useClass: RecordingCorrelator },
            { provide: NAZ_LOGGER, useValue: logger },
          ],
        }),
      ],
      providers: [ResultLog],
    });
    const smpp = moduleRef.get(SmppClientService);
    await smpp.waitUntilBound(3000);
    const { correlationId } = await smpp.send({ to: '447700900003', text: 'through your policies' });
    const log = moduleRef.get(ResultLog);
    await waitFor(() => log.results.some((r) => r.correlationId === correlationId), 'the submit result');

    expect(enqueued.map((m) => m.correlationId)).toEqual([correlationId]);
    expect(acquired).toContain(1);
    expect(statuses).toContain(0);
    expect(hookCommands).toContain('submit_sm');
    expect(correlated.map((e) => e.correlationId)).toContain(correlationId);
    expect(logger.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.entries)).not.toContain('secret');
  });
});

describe('Prometheus metrics', () => {
  it('exports naz_ metrics with a client label when prom-client is installed', async () => {
    const registry = new Registry();
    const moduleRef = await start({
      imports: [NazModule.forRoot({ ...clientOptionsFor(sim), name: 'metered', metrics: { registry } })],
    });
    const smpp = moduleRef.get<SmppClientService>(getSmppClientToken('metered'));
    await smpp.waitUntilBound(3000);
    await smpp.submit({ to: '447700900006', text: 'measured' });
    const text = await registry.metrics();
    expect(text).toContain('naz_requests_total{client="metered",command="submit_sm"} 1');
    expect(text).toContain(
      'naz_responses_total{client="metered",command="submit_sm_resp",status="ESME_ROK"} 1',
    );
    expect(text).toContain('naz_submit_latency_seconds_count{client="metered"} 1');
    expect(text).toContain('naz_bound_sessions{client="metered"} 1');
    expect(text).toMatch(/naz_in_flight\{client="metered"\} \d/);
  });
});

describe('named clients', () => {
  @Injectable()
  class TwoAccounts {
    readonly alphaResults: SubmitResultEvent[] = [];
    readonly betaResults: SubmitResultEvent[] = [];
    constructor(
      @InjectSmppClient('alpha') readonly alpha: SmppClientService,
      @InjectSmppClient('beta') readonly beta: SmppClientService,
    ) {}
    @OnSubmitResult({ client: 'alpha' })
    onAlphaResult(result: SubmitResultEvent) {
      this.alphaResults.push(result);
    }
    @OnSubmitResult({ client: 'beta' })
    onBetaResult(result: SubmitResultEvent) {
      this.betaResults.push(result);
    }
  }

  it('runs one client per name, each injectable by name, handlers filtered by client', async () => {
    const moduleRef = await start({
      imports: [
        NazModule.forRoot({ ...clientOptionsFor(sim, 'alpha'), name: 'alpha' }),
        NazModule.forRoot({ ...clientOptionsFor(sim, 'beta'), name: 'beta' }),
      ],
      providers: [TwoAccounts],
    });
    const accounts = moduleRef.get(TwoAccounts);
    expect(accounts.alpha).not.toBe(accounts.beta);
    expect([accounts.alpha.name, accounts.beta.name]).toEqual(['alpha', 'beta']);
    await Promise.all([accounts.alpha.waitUntilBound(3000), accounts.beta.waitUntilBound(3000)]);
    const systemIds = sim.sessions.map((s) => s.systemId);
    expect(systemIds).toEqual(expect.arrayContaining(['alpha', 'beta']));

    const a = await accounts.alpha.send({ to: '447700900004', text: 'from alpha' });
    const b = await accounts.beta.send({ to: '447700900005', text: 'from beta' });
    await waitFor(() => accounts.alphaResults.length > 0 && accounts.betaResults.length > 0, 'both results');
    expect(accounts.alphaResults.map((r) => [r.client, r.correlationId])).toEqual([
      ['alpha', a.correlationId],
    ]);
    expect(accounts.betaResults.map((r) => [r.client, r.correlationId])).toEqual([['beta', b.correlationId]]);
  });
});
