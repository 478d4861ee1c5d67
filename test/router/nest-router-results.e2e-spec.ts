import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { InMemoryMessageLedger } from '../../lib/ledger/in-memory-message-ledger.js';
import {
  NAZ_MESSAGE_LEDGER,
  NazModule,
  OnRouterResult,
  OnSubmitResult,
  SmppRouterService,
  getSmppClientToken,
  type RouterResultEvent,
  type SubmitResultEvent,
} from '../../lib/nest/index.js';
import type { SmppClientService } from '../../lib/nest/smpp-client.service.js';
import { NAZ_ROUTER_LOGGER } from '../../lib/nest/router/naz-router.constants.js';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { RecordingLogger, clientOptionsFor, waitFor } from '../nest/helpers.js';

/** What the app's handlers saw: per message, per kind of handler. */
@Injectable()
class Outcomes {
  readonly results: SubmitResultEvent[] = [];
  readonly attempts: SubmitResultEvent[] = [];
  readonly fates: RouterResultEvent[] = [];

  @OnSubmitResult()
  onResult(result: SubmitResultEvent) {
    this.results.push(result);
  }

  @OnSubmitResult({ routerAttempts: true })
  onAttempt(result: SubmitResultEvent) {
    this.attempts.push(result);
  }

  @OnRouterResult()
  onFate(result: RouterResultEvent) {
    this.fates.push(result);
  }
}

let uk: SmscSimulator;
let eu: SmscSimulator;
let moduleRef: TestingModule;
let outcomes: Outcomes;
let router: SmppRouterService;
const ledger = new InMemoryMessageLedger();

beforeAll(async () => {
  uk = await SmscSimulator.start({ port: 0, systemId: 'smsc-uk', receipts: { enabled: false } });
  eu = await SmscSimulator.start({ port: 0, systemId: 'smsc-eu', receipts: { enabled: false } });
  // One ledger for both accounts, as an app binds it (a PostgresMessageLedger would be shared the same way).
  const ledgerProvider = { provide: NAZ_MESSAGE_LEDGER, useValue: ledger };
  moduleRef = await Test.createTestingModule({
    imports: [
      NazModule.forRoot({ name: 'uk', ...clientOptionsFor(uk), extraProviders: [ledgerProvider] }),
      NazModule.forRoot({ name: 'eu', ...clientOptionsFor(eu), extraProviders: [ledgerProvider] }),
      NazModule.forRouter({ routes: [{ prefix: '44', clients: ['uk', 'eu'] }], metrics: false }),
    ],
    providers: [Outcomes],
  }).compile();
  await moduleRef.init();
  outcomes = moduleRef.get(Outcomes);
  router = moduleRef.get(SmppRouterService);
  const service = (name: string) => moduleRef.get<SmppClientService>(getSmppClientToken(name));
  await service('uk').client.waitUntilBound(5000);
  await service('eu').client.waitUntilBound(5000);
});

afterAll(async () => {
  await moduleRef?.close();
  await uk?.stop();
  await eu?.stop();
});

describe('outcomes of routed messages in Nest', () => {
  it('reports each routed message once to @OnRouterResult(), and its attempts only to handlers that ask', async () => {
    uk.setFaults({ throttleEveryNth: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        await router.send({ to: `44770090000${i}`, text: `m${i}`, correlationId: `nest-routed-${i}` });
      }
      await waitFor(() => outcomes.fates.length >= 3, 'three router results');
      await waitFor(() => outcomes.attempts.length >= 6, 'six attempts');
    } finally {
      uk.clearFaults();
    }
    expect(outcomes.fates.map((f) => f.correlationId).sort()).toEqual([
      'nest-routed-0',
      'nest-routed-1',
      'nest-routed-2',
    ]);
    for (const fate of outcomes.fates) {
      expect(fate).toMatchObject({
        status: 'submitted',
        router: 'default',
        route: '44',
        client: 'eu',
        attempts: 2,
      });
      expect(fate.failovers).toEqual([
        { from: 'uk', to: 'eu', reason: 'status', status: 'ESME_RTHROTTLED', mayDuplicate: false },
      ]);
    }
    // A plain @OnSubmitResult() counts messages: a router's attempts are not among them.
    expect(outcomes.results).toEqual([]);
    // With routerAttempts, each attempt, marked with the router: the failure on uk, then the success on eu.
    const attempts = outcomes.attempts.map((a) => `${a.client}:${a.status}:${a.router ?? '-'}`).sort();
    expect(attempts).toEqual([
      'eu:submitted:default',
      'eu:submitted:default',
      'eu:submitted:default',
      'uk:failed:default',
      'uk:failed:default',
      'uk:failed:default',
    ]);
  });

  it('still reports a message sent through one client to @OnSubmitResult(), unmarked', async () => {
    const uk = moduleRef.get<SmppClientService>(getSmppClientToken('uk'));
    const before = outcomes.attempts.length;
    await uk.send({ to: '447700900009', text: 'direct', correlationId: 'nest-direct' });
    await waitFor(() => outcomes.results.length >= 1, 'the direct result');
    expect(outcomes.results).toMatchObject([
      { correlationId: 'nest-direct', client: 'uk', status: 'submitted' },
    ]);
    expect(outcomes.results[0]!.router).toBeUndefined();
    // A handler with routerAttempts sees the client's own messages too.
    await waitFor(() => outcomes.attempts.length > before, 'the direct result on the attempts handler');
    expect(outcomes.fates.some((f) => f.correlationId === 'nest-direct')).toBe(false);
  });

  it('shows the routed message in the ledger: each failover, and the client that handled it', async () => {
    const eu = moduleRef.get<SmppClientService>(getSmppClientToken('eu'));
    const history = await eu.getMessage('nest-routed-0');
    // Not final: a receipt was asked for (the default), and these SMSCs send none.
    expect(history).toMatchObject({ client: 'eu', status: 'submitted', final: false, attempts: 2 });
    expect(history!.events.map((e) => e.type)).toEqual([
      'queued',
      'submit',
      'failover',
      'submit',
      'submitted',
      'routed',
    ]);
    expect(history!.events.find((e) => e.type === 'failover')).toMatchObject({
      route: '44',
      from: 'uk',
      to: 'eu',
      reason: 'status',
      status: 'ESME_RTHROTTLED',
      mayDuplicate: false,
    });
  });
});

describe('an app with @OnSubmitResult() handlers and no @OnRouterResult()', () => {
  it('is told where routed messages report their outcome', async () => {
    @Injectable()
    class OnlyClientResults {
      @OnSubmitResult()
      onResult(_result: SubmitResultEvent) {}
    }
    const logger = new RecordingLogger();
    const app = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({ name: 'uk', ...clientOptionsFor(uk) }),
        NazModule.forRouter({
          routes: [{ prefix: '44', clients: ['uk'] }],
          metrics: false,
          extraProviders: [{ provide: NAZ_ROUTER_LOGGER, useValue: logger }],
        }),
      ],
      providers: [OnlyClientResults],
    }).compile();
    try {
      await app.init();
      const hints = logger
        .messages('info')
        .filter((m) => m.includes('@OnRouterResult()') && m.includes('OnlyClientResults.onResult'));
      expect(hints).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
