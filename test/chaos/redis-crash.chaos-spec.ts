import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startReplica, waitFor, type ReplicaProcess } from '../durable/support/replica-process.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { CHAOS_FULL, scaled } from './support/chaos-env.js';
import { CrashFate, expectOneFateEach } from './support/crash-fate.js';
import { recordFate } from './support/fate-table.js';

const COUNT = scaled(1_000, 20_000);
/** The fault hits once this share of the messages was accepted. */
const FAULT_AT = 0.3;
const WINDOW = 20;

let redis: RedisTestServer;
let admin: Redis;
let sim: SmscSimulator;
const replicas: ReplicaProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
  sim = await SmscSimulator.start({ receipts: { enabled: true, delayMs: 50 } });
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill()));
  await sim?.stop();
  admin?.disconnect();
  await redis?.stop();
}, 30_000);

async function enqueueAll(url: string, stream: string, fate: CrashFate): Promise<void> {
  const producer = new RedisOutboundQueue({ connection: url, stream });
  for (let i = 0; i < fate.messages.length; i += 500)
    await Promise.all(fate.messages.slice(i, i + 500).map((m) => producer.enqueue(m)));
  await producer.close();
}

function replica(brokerUrl: string, stream: string, extra: Record<string, string> = {}): ReplicaProcess {
  const r = startReplica({
    BROKER: 'redis',
    BROKER_URL: brokerUrl,
    QUEUE: stream,
    NAME: `chaos-${replicas.length}`,
    SMSC_PORT: String(sim.port),
    CLAIM_IDLE_MS: '1000',
    WINDOW: String(WINDOW),
    RECEIPTS: '1',
    // The correlator lives on the Redis that never fails, so a receipt finds its message on any replica.
    REDIS_URL: redis.url,
    REPORT_SUBMITTED: '1',
    ...extra,
  });
  replicas.push(r);
  return r;
}

async function deadLettered(client: Redis, stream: string): Promise<string[]> {
  return (await client.xrange(`${stream}:dead`, '-', '+')).map(([, flat]) => {
    const message = flat[flat.indexOf('message') + 1];
    return (JSON.parse(message) as { correlationId: string }).correlationId;
  });
}

/** Waits until every message has its fate (accepted, or dead-lettered), the stream is empty, and receipts are in. */
async function settle(client: Redis, stream: string, fate: CrashFate): Promise<void> {
  // What the last check saw, so a timeout says which part never came.
  let seen: Record<string, unknown> = {};
  await waitFor(
    async () => {
      seen = {
        accepted: fate.acceptedCount,
        sendable: fate.sendable,
        streamLength: await client.xlen(stream),
        deadLettered: await client.xlen(`${stream}:dead`),
        invalid: fate.invalid.size,
        pending: await client.call('xpending', stream, 'naz').catch((error: Error) => error.message),
      };
      return seen.accepted === seen.sendable && seen.streamLength === 0 && seen.deadLettered === seen.invalid;
    },
    120_000,
    'every message accepted or dead-lettered, and the stream empty',
    () => seen,
  );
  await waitFor(() => sim.stats().receiptsPending === 0, 30_000, 'every receipt sent');
}

/** SIGKILLs the first replica once FAULT_AT of the messages were accepted, starts a second, and records the row. */
async function sigkillScenario(scenario: string, consumer: (n: number) => Record<string, string>) {
  const stream = `chaos:${randomBytes(3).toString('hex')}`;
  const fate = new CrashFate(`${stream}#`, COUNT);
  fate.watch(sim);
  await enqueueAll(redis.url, stream, fate);
  const first = replica(redis.url, stream, consumer(1));
  await first.ready;
  await waitFor(() => fate.acceptedCount >= COUNT * FAULT_AT, 60_000, 'accepted before the kill');
  await first.kill();
  // Nothing acknowledges after the kill: what is pending now is what the killed process held.
  const [pendingAtKill] = (await admin.call('xpending', stream, 'naz')) as [number];
  const second = replica(redis.url, stream, consumer(2));
  await second.ready;
  await settle(admin, stream, fate);
  await second.stop();
  const row = fate.row(scenario, [first, second], await deadLettered(admin, stream), Number(pendingAtKill));
  recordFate(row);
  expectOneFateEach(row, fate);
}

describe(`chaos: a Redis-fed replica SIGKILLed, and Redis restarted (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  it('SIGKILL with Redis, new consumer name: another process takes over after claimIdleMs, one fate per message', async () => {
    await sigkillScenario('SIGKILL with Redis, new consumer name', () => ({}));
  }, 180_000);

  it('SIGKILL with Redis, same consumer name: the restarted process takes back its pending entries once each', async () => {
    await sigkillScenario('SIGKILL with Redis, same consumer name', () => ({ CONSUMER: 'pod-0' }));
  }, 180_000);

  it('broker restart (Redis): the replica pauses, reconnects and finishes, one fate per message', async () => {
    const persistent = await startRedisServer({ persistent: true });
    // Closed in `finally`: an ioredis client left open reconnects forever and keeps Jest from exiting.
    const check = new Redis(persistent.url);
    try {
      const stream = `chaos:${randomBytes(3).toString('hex')}`;
      const fate = new CrashFate(`${stream}#`, COUNT);
      fate.watch(sim);
      await enqueueAll(persistent.url, stream, fate);
      const r = replica(persistent.url, stream);
      await r.ready;
      await waitFor(() => fate.acceptedCount >= COUNT * FAULT_AT, 60_000, 'accepted before the restart');
      const [pendingAtHalt] = (await check.call('xpending', stream, 'naz')) as [number];
      await persistent.halt();
      await persistent.start();
      await settle(check, stream, fate);
      await r.stop();
      const row = fate.row(
        'broker restart (Redis)',
        [r],
        await deadLettered(check, stream),
        Number(pendingAtHalt),
      );
      recordFate(row);
      // The replica keeps reading while the pending count is taken: up to one window more may be held at the halt.
      expectOneFateEach(row, fate, WINDOW);
    } finally {
      check.disconnect();
      await persistent.stop();
    }
  }, 180_000);
});
