import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { DeliveryReceiptEvent } from '../../lib/client/client-events.interface.js';
import { SmppClient } from '../../lib/client/smpp-client.js';
import type { CorrelationEntry } from '../../lib/correlation/correlator.interface.js';
import { RedisCorrelator } from '../../lib/correlation/redis/redis-correlator.js';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import { createRedisClient } from '../../lib/redis/create-redis-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { clientOptions, startSimulator, until } from '../client/client-test-helpers.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';

let server: RedisTestServer;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  await server.stop();
});

const prefix = (): string => `t:${randomBytes(4).toString('hex')}:`;

function correlator(keyPrefix: string): RedisCorrelator {
  const c = new RedisCorrelator({ connection: server.url, keyPrefix });
  opened.push(c);
  return c;
}

function entry(messageId: string, correlationId: string): CorrelationEntry {
  return { messageId, correlationId, partIndex: 0, partCount: 1, submittedAt: 1_700_000_000_000 };
}

/** Warnings and errors only, kept for assertions. */
class WarningsLogger implements NazLogger {
  readonly lines: string[] = [];
  debug(): void {}
  info(): void {}
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...fields }));
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'error', message, ...fields }));
  }
  isDebugEnabled(): boolean {
    return false;
  }
}

describe('RedisCorrelator.watch', () => {
  it('answers the entry at once when it is already stored', async () => {
    const p = prefix();
    await correlator(p).put(entry('41', 'order-41'));
    const heard: CorrelationEntry[] = [];
    const watch = await correlator(p).watch('41', 5_000, (e) => heard.push(e));
    expect(watch.entry).toEqual(entry('41', 'order-41'));
    expect(heard).toEqual([]);
  });

  it("hears of an id the moment another replica's put stores it, once", async () => {
    const p = prefix();
    const holder = correlator(p);
    const storer = correlator(p);
    const heard: CorrelationEntry[] = [];
    const watch = await holder.watch('42', 5_000, (e) => heard.push(e));
    expect(watch.entry).toBeUndefined();
    await storer.put(entry('42', 'order-42'));
    await until(() => heard.length === 1, 2_000, 'the stored entry');
    expect(heard).toEqual([entry('42', 'order-42')]);
    // The marker went with the publish: a second put tells nobody again.
    await storer.put(entry('42', 'order-42'));
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toHaveLength(1);
  });

  it('tells every replica waiting for the same id, and none after cancel', async () => {
    const p = prefix();
    const [a, b, c] = [correlator(p), correlator(p), correlator(p)];
    const heardA: string[] = [];
    const heardB: string[] = [];
    await a.watch('43', 5_000, (e) => heardA.push(e.correlationId));
    const watchB = await b.watch('43', 5_000, (e) => heardB.push(e.correlationId));
    watchB.cancel();
    await c.put(entry('43', 'order-43'));
    await until(() => heardA.length === 1, 2_000, 'replica a to hear');
    await new Promise((r) => setTimeout(r, 50));
    expect(heardA).toEqual(['order-43']);
    expect(heardB).toEqual([]);
  });

  it('catches up after its subscriber connection was lost while the id was stored', async () => {
    const p = prefix();
    const holder = correlator(p);
    const storer = correlator(p);
    const heard: string[] = [];
    await holder.watch('44', 10_000, (e) => heard.push(e.correlationId));
    const admin = await createRedisClient(server.url, 'test');
    try {
      // The publish of this put finds no subscriber: its connection is gone.
      await admin.call('client', 'kill', 'type', 'pubsub');
      await storer.put(entry('44', 'order-44'));
      await until(() => heard.length === 1, 5_000, 'the catch-up after the reconnect');
      expect(heard).toEqual(['order-44']);
    } finally {
      await admin.quit();
    }
  });
});

describe('early receipts across two replicas sharing a RedisCorrelator', () => {
  let sim: SmscSimulator | undefined;
  const clients: SmppClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop({ drainTimeoutMs: 100 })));
    await sim?.stop();
    sim = undefined;
  });

  it("20,000 messages, each receipt before its response and on the other replica's session: 100% correlated", async () => {
    const N = 20_000;
    // Every receipt is written before its submit_sm_resp (1-5 ms later), on the other replica's bind.
    sim = await startSimulator({
      receipts: { route: 'other' },
      faults: { receiptBeforeResponse: { min: 1, max: 5 } },
    });
    const p = prefix();
    const names = ['a', 'b'] as const;
    const receipts = { a: [] as DeliveryReceiptEvent[], b: [] as DeliveryReceiptEvent[] };
    const loggers = { a: new WarningsLogger(), b: new WarningsLogger() };
    const messageIds = new Map<string, string>();
    for (const name of names) {
      const client = new SmppClient(
        clientOptions(sim, { name, windowSize: 100, responseTimeoutMs: 10_000 }),
        {
          correlator: correlator(p),
          logger: loggers[name],
        },
      );
      client.on('deliveryReceipt', (e) => receipts[name].push(e));
      client.on('submitted', (e) => messageIds.set(e.correlationId, e.messageIds[0]));
      clients.push(client);
      await client.start();
      await client.waitUntilBound(5_000);
    }
    const [a, b] = clients;
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < N / 2; i++) {
      sends.push(a.send({ to: '447700900123', text: `a${i}`, correlationId: `a${i}` }));
      sends.push(b.send({ to: '447700900123', text: `b${i}`, correlationId: `b${i}` }));
    }
    await Promise.all(sends);
    const total = () => a.stats().receipts + b.stats().receipts;
    await until(
      () =>
        total() === N &&
        a.stats().receiptsHeld + b.stats().receiptsHeld === 0 &&
        a.stats().accepted + b.stats().accepted === N,
      90_000,
      'every receipt reported',
      () => [a.stats(), b.stats()],
    );

    expect(messageIds.size).toBe(N);
    const byMessageId = new Map([...messageIds].map(([correlationId, id]) => [id, correlationId]));
    for (const name of names) {
      const other = name === 'a' ? 'b' : 'a';
      const events = receipts[name];
      expect(events).toHaveLength(N / 2);
      // Each receipt on this replica is for a message the other replica sent, with that message's id.
      expect(events.filter((e) => !e.correlationId?.startsWith(other))).toEqual([]);
      expect(events.filter((e) => byMessageId.get(e.receipt.messageId) !== e.correlationId)).toEqual([]);
      expect(loggers[name].lines.filter((l) => l.includes('without correlationId'))).toEqual([]);
    }
    expect(new Set([...receipts.a, ...receipts.b].map((e) => e.correlationId)).size).toBe(N);
    for (const client of clients) {
      expect(client.stats()).toMatchObject({
        accepted: N / 2,
        receipts: N / 2,
        receiptsCorrelated: N / 2,
        receiptsUncorrelated: 0,
      });
      // Every receipt came before its response on the wire; those whose id was not in Redis yet when this
      // replica looked (a good share) were correlated through the watch, by the other replica's put.
      expect(client.stats().receiptsEarly).toBeGreaterThan(N / 20);
    }
    process.stdout.write(
      `redis early receipts: ${N} messages, held for the other replica's put: ` +
        `${a.stats().receiptsEarly} on a, ${b.stats().receiptsEarly} on b\n`,
    );
  }, 150_000);
});
