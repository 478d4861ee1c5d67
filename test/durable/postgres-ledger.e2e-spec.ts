import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SmppClient } from '../../lib/client/smpp-client.js';
import { InMemoryMessageLedger } from '../../lib/ledger/in-memory-message-ledger.js';
import type { MessageHistory, MessageLedger } from '../../lib/ledger/message-ledger.interface.js';
import { PostgresMessageLedger } from '../../lib/ledger/postgres/postgres-message-ledger.js';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import { NazModule } from '../../lib/nest/naz.module.js';
import { SmppClientService } from '../../lib/nest/smpp-client.service.js';
import { NAZ_MESSAGE_LEDGER } from '../../lib/tokens.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startPostgresServer, type PostgresTestServer } from '../support/postgres-server.js';
import { waitFor } from './support/replica-process.js';

let server: PostgresTestServer;
let pool: pg.Pool;
let sim: SmscSimulator;

beforeAll(async () => {
  server = await startPostgresServer();
  pool = new pg.Pool({ connectionString: server.url, max: 6 });
  // The outage test stops the server under this pool: its idle connections fail and are replaced.
  pool.on('error', () => undefined);
  sim = await SmscSimulator.start({ receipts: { enabled: true, delayMs: 150 } });
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await pool?.end();
  await server?.stop();
}, 30_000);

const LONG_TEXT = 'A long message in three parts. '.repeat(12);

async function pgLedger(
  extra: Partial<ConstructorParameters<typeof PostgresMessageLedger>[0]> = {},
): Promise<PostgresMessageLedger> {
  const names = { schema: 'naz_ledger', table: `messages_${randomBytes(3).toString('hex')}` };
  await PostgresMessageLedger.migrate(pool, names);
  return new PostgresMessageLedger({ pool, ...names, ...extra });
}

function client(ledger: MessageLedger, extra: Record<string, unknown> = {}): SmppClient {
  return new SmppClient(
    {
      host: '127.0.0.1',
      port: sim.port,
      systemId: 'ledger',
      password: 'secret',
      windowSize: 20,
      logLevel: 'error',
      defaults: { from: 'NAZ', registeredDelivery: true },
      ...extra,
    },
    { ledger },
  );
}

/** Sends `count` messages (every tenth a three-part one) and waits until each has its final state in the ledger. */
async function sendAndSettle(
  c: SmppClient,
  ledger: MessageLedger,
  prefix: string,
  count: number,
): Promise<void> {
  await c.start();
  await c.waitUntilBound(10_000);
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < count; i++) {
    sends.push(
      c.send({
        correlationId: `${prefix}${i}`,
        to: i % 2 === 0 ? '447700900123' : '447700900124',
        text: i % 10 === 0 ? LONG_TEXT : `message ${i}`,
        metadata: { order: i },
      }),
    );
  }
  await Promise.all(sends);
  await waitFor(
    async () => {
      const finals = await ledger.findMessages({ status: 'delivered', limit: 1000 });
      return finals.filter((m) => m.correlationId.startsWith(prefix)).length === count;
    },
    60_000,
    `all ${count} messages delivered in the ledger`,
  );
}

/** The checks every complete history passes: one final state, each stage in order, every part's receipt. */
function expectComplete(history: MessageHistory | undefined, parts: number): void {
  expect(history).toBeDefined();
  const h = history!;
  expect(h).toMatchObject({ status: 'delivered', final: true, attempts: 1 });
  expect(h.messageIds).toHaveLength(parts);
  expect(h.receipts.map((r) => [r.part, r.state])).toEqual(
    Array.from({ length: parts }, (_, part) => [part, 'DELIVRD']),
  );
  expect(h.receipts.map((r) => r.messageId).sort()).toEqual([...h.messageIds].sort());
  const types = h.events.map((e) => e.type);
  expect(types[0]).toBe('queued');
  expect(types.filter((t) => t === 'submit')).toHaveLength(parts);
  expect(types.filter((t) => t === 'submitted')).toHaveLength(1);
  expect(types.filter((t) => t === 'receipt')).toHaveLength(parts);
  expect(types.indexOf('submitted')).toBeGreaterThan(types.lastIndexOf('submit'));
  for (let i = 1; i < h.events.length; i++)
    expect(h.events[i]!.at.getTime()).toBeGreaterThanOrEqual(h.events[i - 1]!.at.getTime());
  expect(h.finalAt!.getTime()).toBeGreaterThanOrEqual(h.createdAt.getTime());
}

/**
 * Runs `test` with a fresh ledger and a client recording in it; whatever the test does, the simulator's faults
 * are cleared and both are closed after it.
 */
async function withLedgerClient(
  makeLedger: () => Promise<MessageLedger>,
  test: (ledger: MessageLedger, c: SmppClient) => Promise<void>,
): Promise<void> {
  const ledger = await makeLedger();
  const c = client(ledger);
  try {
    await test(ledger, c);
  } finally {
    sim.clearFaults();
    await c.stop();
    await ledger.close?.();
  }
}

describe.each([
  ['InMemoryMessageLedger', () => Promise.resolve(new InMemoryMessageLedger())],
  ['PostgresMessageLedger', () => pgLedger()],
] as const)('%s with a real SMSC', (_name, makeLedger) => {
  it('records queued, every part submitted, every part’s receipt and one final state, with responses delayed', async () => {
    // Responses take 20-80 ms; receipts come 150 ms after each submit, so after their responses.
    sim.setFaults({ responseDelayMs: { min: 20, max: 80 } });
    await withLedgerClient(makeLedger, async (ledger, c) => {
      await sendAndSettle(c, ledger, 'd', 60);
      for (let i = 0; i < 60; i++) expectComplete(await ledger.getMessage(`d${i}`), i % 10 === 0 ? 3 : 1);
      const history = await ledger.getMessage('d1');
      expect(history).toMatchObject({
        to: '447700900124',
        from: 'NAZ',
        metadata: { order: 1 },
        client: 'default',
      });
      expect(history!.text).toBeUndefined();
      const stats = ledger.stats();
      expect(stats).toMatchObject({ pending: 0, writeFailures: 0, dropped: 0 });
      expect(stats.written).toBe(stats.recorded);
    });
  }, 90_000);

  it('is complete whether receipts come before or after their responses: one final state each, every part’s receipt', async () => {
    await withLedgerClient(makeLedger, async (ledger, c) => {
      // First every receipt before its submit_sm_resp (the response 0-20 ms after it), then every receipt after
      // its response (responses at once, receipts 150 ms later).
      sim.setFaults({ receiptBeforeResponse: { min: 0, max: 20 } });
      await sendAndSettle(c, ledger, 'early', 40);
      sim.clearFaults();
      await sendAndSettle(c, ledger, 'late', 40);
      for (const prefix of ['early', 'late']) {
        for (let i = 0; i < 40; i++) {
          const history = await ledger.getMessage(`${prefix}${i}`);
          expectComplete(history, i % 10 === 0 ? 3 : 1);
          // Exactly one final state: one outcome, no failure, and the verdict of every part's receipt.
          expect(history!.events.filter((e) => e.type === 'failed' || e.type === 'retry')).toEqual([]);
        }
        const found = await ledger.findMessages({ limit: 1000 });
        const ids = found.map((m) => m.correlationId).filter((id) => id.startsWith(prefix));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(40);
      }
      // The early phase really had receipts first: some receipt recorded before its message's submitted. Not
      // one message in particular: when a receipt and its response arrive in one read, which the ledger records
      // first depends on the client's turns (a loaded CI machine once recorded early1's submitted first).
      let receiptsFirst = 0;
      for (let i = 0; i < 40; i++) {
        const types = (await ledger.getMessage(`early${i}`))!.events.map((e) => e.type);
        if (types.indexOf('receipt') < types.indexOf('submitted')) receiptsFirst++;
      }
      expect(receiptsFirst).toBeGreaterThan(0);
      const stats = ledger.stats();
      expect(stats).toMatchObject({ pending: 0, writeFailures: 0, dropped: 0 });
    });
  }, 90_000);

  it('finds messages by destination, status and time, newest first, within the limit', async () => {
    await withLedgerClient(makeLedger, async (ledger, c) => {
      const before = new Date(Date.now() - 1);
      await sendAndSettle(c, ledger, 'f', 10);
      const toFirst = await ledger.findMessages({ to: '447700900123', since: before, limit: 100 });
      expect(toFirst.map((m) => m.correlationId).sort()).toEqual(['f0', 'f2', 'f4', 'f6', 'f8']);
      const limited = await ledger.findMessages({ since: before, limit: 3 });
      expect(limited).toHaveLength(3);
      for (let i = 1; i < limited.length; i++)
        expect(limited[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(limited[i]!.createdAt.getTime());
      expect(await ledger.findMessages({ since: new Date(Date.now() + 60_000) })).toEqual([]);
      expect(await ledger.findMessages({ status: ['failed', 'undeliverable'], since: before })).toEqual([]);
      expect(await ledger.getMessage('never-sent')).toBeUndefined();
    });
  }, 60_000);

  it('records retries, a message that failed for good with its reason, and a non-delivery receipt as final', async () => {
    await withLedgerClient(makeLedger, async (ledger, c) => {
      try {
        await c.start();
        await c.waitUntilBound(10_000);
        sim.setFaults({ throttleEveryNth: 2 });
        sim.setReceipts({ enabled: true, delayMs: 50, states: { UNDELIV: 1 } });
        await c.send({ correlationId: 'u1', to: '447700900125', text: 'undeliverable' });
        await c.send({ correlationId: 'u2', to: '447700900125', text: 'undeliverable too' });
        // A producer that skipped send()'s checks: the client finds the 30-digit destination when it takes it.
        await c.outboundQueue.enqueue({ correlationId: 'bad', to: '1'.repeat(30), text: 'x' });
        await waitFor(
          async () =>
            (await ledger.findMessages({ status: ['undeliverable', 'failed'], limit: 10 })).filter(
              (m) => m.final,
            ).length === 3,
          20_000,
          'three final messages',
        );
        const undelivered = [await ledger.getMessage('u1'), await ledger.getMessage('u2')];
        for (const h of undelivered)
          expect(h).toMatchObject({
            status: 'undeliverable',
            final: true,
            reason: expect.stringMatching(/^UNDELIV/),
          });
        // One of the two was throttled once (every 2nd submit is) and sent again.
        const retries = undelivered.flatMap((h) => h!.events.filter((e) => e.type === 'retry'));
        expect(retries).toEqual([expect.objectContaining({ type: 'retry', reason: 'ESME_RTHROTTLED' })]);
        expect(await ledger.getMessage('bad')).toMatchObject({
          status: 'failed',
          final: true,
          reason: 'InvalidMessageError',
          attempts: 1,
          events: [expect.objectContaining({ type: 'failed', reason: 'InvalidMessageError' })],
        });
      } finally {
        sim.setReceipts({ enabled: true, delayMs: 150, states: { DELIVRD: 1 } });
      }
    });
  }, 60_000);
});

describe('PostgresMessageLedger when PostgreSQL is down', () => {
  it('keeps sending, counts and logs the failed writes, and writes everything once PostgreSQL is back', async () => {
    const warnings: string[] = [];
    const logger: NazLogger = {
      debug: () => undefined,
      info: (m) => warnings.push(`info: ${m}`),
      warn: (m) => warnings.push(`warn: ${m}`),
      error: (m) => warnings.push(`error: ${m}`),
    };
    const ledger = await pgLedger({ logger });
    const c = client(ledger);
    const submitted: string[] = [];
    c.on('submitted', (e) => submitted.push(e.correlationId));
    try {
      await c.start();
      await c.waitUntilBound(10_000);
      await c.send({ correlationId: 'o-before', to: '447700900123', text: 'before' });
      await waitFor(
        async () => (await ledger.getMessage('o-before'))?.final === true,
        20_000,
        'o-before final',
      );
      await server.halt();
      for (let i = 0; i < 20; i++)
        await c.send({ correlationId: `o${i}`, to: '447700900123', text: `during ${i}` });
      // Sending does not wait for the ledger.
      await waitFor(() => submitted.length === 21, 20_000, 'every message submitted during the outage');
      await waitFor(() => ledger.stats().writeFailures > 0, 10_000, 'a failed ledger write counted');
      expect(ledger.stats().pending).toBeGreaterThan(0);
      expect(warnings.some((w) => w.startsWith('warn: message ledger: writing failed'))).toBe(true);
      await server.start();
      await waitFor(() => ledger.stats().pending === 0, 30_000, 'the backlog written after the restart');
      expect(warnings.some((w) => w === 'info: message ledger: writes resumed')).toBe(true);
      await waitFor(
        async () => (await ledger.findMessages({ status: 'delivered', limit: 100 })).length === 21,
        30_000,
        'every message delivered in the ledger',
      );
      expectComplete(await ledger.getMessage('o7'), 1);
      expect(ledger.stats()).toMatchObject({ dropped: 0, pending: 0 });
    } finally {
      await c.stop();
      await ledger.close();
    }
  }, 120_000);
});

describe('PostgresMessageLedger retention', () => {
  it('purges messages older than maxAgeMs in batches and keeps the rest', async () => {
    const ledger = await pgLedger({ retention: { maxAgeMs: 60_000, batchSize: 7, intervalMs: 3_600_000 } });
    try {
      const old = Date.now() - 3_600_000;
      for (let i = 0; i < 20; i++)
        ledger.record({ type: 'queued', correlationId: `old${i}`, at: old + i, client: 'default', to: '1' });
      for (let i = 0; i < 3; i++)
        ledger.record({
          type: 'queued',
          correlationId: `new${i}`,
          at: Date.now(),
          client: 'default',
          to: '1',
        });
      await ledger.flush();
      expect(await ledger.purge()).toBe(20);
      const left = await ledger.findMessages({ limit: 100 });
      expect(left.map((m) => m.correlationId).sort()).toEqual(['new0', 'new1', 'new2']);
      expect(ledger.stats().purged).toBe(20);
    } finally {
      await ledger.close();
    }
  });
});

describe('the ledger in NazModule', () => {
  it('records in memory with InMemoryMessageLedger.provider(), answers SmppClientService.getMessage, and takes PostgresMessageLedger.provider()', async () => {
    const names = { schema: 'naz_ledger', table: `nest_${randomBytes(3).toString('hex')}` };
    let round = 0;
    for (const extraProviders of [
      [InMemoryMessageLedger.provider()],
      [PostgresMessageLedger.provider({ connection: server.url, ...names, migrate: true })],
    ]) {
      const moduleRef = await Test.createTestingModule({
        imports: [
          NazModule.forRoot({
            host: '127.0.0.1',
            port: sim.port,
            systemId: 'nest',
            password: 'secret',
            logLevel: 'error',
            metrics: false,
            defaults: { registeredDelivery: true },
            extraProviders,
          }),
        ],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      try {
        const smpp = app.get(SmppClientService);
        await smpp.waitUntilBound(10_000);
        const { correlationId } = await smpp.send({ to: '447700900123', text: 'hello from Nest' });
        await waitFor(
          async () => (await smpp.getMessage(correlationId))?.status === 'delivered',
          20_000,
          'delivered',
        );
        expectComplete(await smpp.getMessage(correlationId), 1);
        expect((await smpp.findMessages({ to: '447700900123', limit: 5 }))[0]?.correlationId).toBe(
          correlationId,
        );
        expect(app.get(NAZ_MESSAGE_LEDGER)).toBeInstanceOf(
          round++ === 0 ? InMemoryMessageLedger : PostgresMessageLedger,
        );
      } finally {
        await app.close();
      }
    }
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${names.schema}"."${names.table}"`);
    expect(rows[0]).toEqual({ n: 1 });
  }, 60_000);

  it('is in memory by default, is off with NAZ_MESSAGE_LEDGER bound to null, and then says how to turn it on', async () => {
    for (const extraProviders of [[], [{ provide: NAZ_MESSAGE_LEDGER, useValue: null }]]) {
      const moduleRef = await Test.createTestingModule({
        imports: [
          NazModule.forRoot({
            host: '127.0.0.1',
            port: sim.port,
            systemId: 'nest',
            password: 'secret',
            logLevel: 'error',
            metrics: false,
            extraProviders,
          }),
        ],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      try {
        const smpp = app.get(SmppClientService);
        if (extraProviders.length === 0) {
          expect(smpp.client.ledger).toBeInstanceOf(InMemoryMessageLedger);
          const { correlationId } = await smpp.send({ to: '447700900123', text: 'ledger by default' });
          await expect(smpp.getMessage(correlationId)).resolves.toMatchObject({ correlationId });
          continue;
        }
        expect(smpp.client.ledger).toBeUndefined();
        await expect(smpp.getMessage('x')).rejects.toThrow(
          /message ledger is off.*bound to null.*InMemoryMessageLedger\.provider\(\)/,
        );
      } finally {
        await app.close();
      }
    }
  });
});

describe('the sample app with DATABASE_URL', () => {
  it('keeps its message histories in PostgreSQL and shows every part’s receipt at GET /messages/:id', async () => {
    const saved = { ...process.env };
    delete process.env.SMSC_HOST;
    Object.assign(process.env, {
      DATABASE_URL: server.url,
      SAMPLE_DEMO: '0',
      SIM_RECEIPT_DELAY_MS: '50',
      SIM_MO_EVERY_MS: '0',
    });
    const { AppModule } = await import('../../sample/app.module.js');
    const { default: request } = await import('supertest');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(app.get(SmppClientService).client.ledger).toBeInstanceOf(PostgresMessageLedger);
      await app.get(SmppClientService).waitUntilBound(10_000);
      const sent = await request(app.getHttpServer())
        .post('/messages')
        .send({ to: '447700900123', text: LONG_TEXT });
      expect(sent.status).toBe(202);
      let body: { status?: string; receipts?: Array<{ part: number; state: string }> } = {};
      await waitFor(
        async () => {
          body = (await request(app.getHttpServer()).get(`/messages/${sent.body.id}`)).body;
          return body.status === 'delivered';
        },
        20_000,
        'the long message delivered',
      );
      expect(body.receipts?.map((r) => [r.part, r.state])).toEqual([
        [0, 'DELIVRD'],
        [1, 'DELIVRD'],
        [2, 'DELIVRD'],
      ]);
      const { rows } = await pool.query(`SELECT status FROM public.naz_messages WHERE correlation_id = $1`, [
        sent.body.id,
      ]);
      expect(rows).toEqual([{ status: 'delivered' }]);
    } finally {
      await app.close();
      process.env = saved;
    }
  }, 60_000);
});
