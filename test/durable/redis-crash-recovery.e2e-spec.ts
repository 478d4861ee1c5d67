import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { startReplica, waitFor, type ReplicaProcess } from './support/replica-process.js';

let redis: RedisTestServer;
let admin: Redis;
let sim: SmscSimulator;
/** Accepted submits per message text (`m<i>`). */
const accepted = new Map<string, number>();
/** Accepted submits per message text, per system_id of the submitting replica. */
const acceptedBy = new Map<string, Map<string, number>>();
const replicas: ReplicaProcess[] = [];
const registered = new Set<string>();

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
  sim = await SmscSimulator.start({ receipts: { enabled: true, delayMs: 50 } });
  sim.on('submit', (s) => {
    if (!('short_message' in s.pdu)) return;
    const text = s.pdu.short_message.toString('latin1');
    if (s.pdu.registered_delivery) registered.add(text);
    accepted.set(text, (accepted.get(text) ?? 0) + 1);
    const mine = acceptedBy.get(s.systemId) ?? new Map<string, number>();
    acceptedBy.set(s.systemId, mine.set(text, (mine.get(text) ?? 0) + 1));
  });
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill()));
  await sim?.stop();
  admin?.disconnect();
  await redis?.stop();
}, 30_000);

async function enqueueAll(stream: string, count: number): Promise<void> {
  const producer = new RedisOutboundQueue({ connection: redis.url, stream });
  for (let i = 0; i < count; i += 500) {
    const batch: Array<Promise<void>> = [];
    for (let j = i; j < Math.min(count, i + 500); j++)
      batch.push(producer.enqueue({ correlationId: `c${j}`, to: '254700000000', text: `m${j}` }));
    await Promise.all(batch);
  }
  await producer.close();
}

function replica(stream: string, name: string, extra: Record<string, string> = {}): ReplicaProcess {
  const r = startReplica({
    BROKER: 'redis',
    BROKER_URL: redis.url,
    QUEUE: stream,
    NAME: name,
    SMSC_PORT: String(sim.port),
    CLAIM_IDLE_MS: '1000',
    ...extra,
  });
  replicas.push(r);
  return r;
}

function countOf(prefix: string, total: number): { missing: number; duplicates: number } {
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < total; i++) {
    const n = accepted.get(`${prefix}${i}`) ?? 0;
    if (n === 0) missing++;
    else duplicates += n - 1;
  }
  return { missing, duplicates };
}

describe('Redis queue with a crashing replica', () => {
  it('loses nothing when the consuming process is SIGKILLed mid-run: a new process finishes, duplicates ≤ in flight', async () => {
    accepted.clear();
    const stream = `crash:${randomBytes(3).toString('hex')}`;
    const total = 10_000;
    await enqueueAll(stream, total);
    const first = replica(stream, 'first', { RECEIPTS: '0' });
    await first.ready;
    await waitFor(() => accepted.size >= 3_000, 60_000, '3000 accepted before the kill');
    await first.kill();
    const acceptedAtKill = accepted.size;
    const [pendingAtKill] = (await admin.call('xpending', stream, 'naz')) as [number];
    const second = replica(stream, 'second', { RECEIPTS: '0' });
    await second.ready;
    await waitFor(
      async () => accepted.size === total && (await admin.xlen(stream)) === 0,
      90_000,
      'every message accepted and the stream empty',
    );
    await second.stop();
    const { missing, duplicates } = countOf('m', total);
    console.log(
      `redis crash: accepted ${acceptedAtKill} before SIGKILL, ${pendingAtKill} pending at the kill, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(acceptedAtKill).toBeLessThan(total);
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(Number(pendingAtKill));
  }, 180_000);
});

describe('Redis queue with a replica restarted under the same consumer name', () => {
  it('takes back its own pending entries once each: duplicates ≤ pending at the kill, none sent twice after the restart', async () => {
    accepted.clear();
    sim.setReceipts({ enabled: false });
    const stream = `stable:${randomBytes(3).toString('hex')}`;
    const total = 6_000;
    await enqueueAll(stream, total);
    // The name a pod keeps across restarts: the new process owns the killed one's pending entries at once.
    const first = replica(stream, 'pod-0', { RECEIPTS: '0', CONSUMER: 'pod-0', SYSTEM_ID: 'before' });
    await first.ready;
    await waitFor(() => accepted.size >= 1_500, 60_000, '1500 accepted before the kill');
    await first.kill();
    const [pendingAtKill] = (await admin.call('xpending', stream, 'naz')) as [number];
    const second = replica(stream, 'pod-0', { RECEIPTS: '0', CONSUMER: 'pod-0', SYSTEM_ID: 'after' });
    await second.ready;
    await waitFor(
      async () => accepted.size === total && (await admin.xlen(stream)) === 0,
      90_000,
      'every message accepted and the stream empty',
    );
    await second.stop();
    const { missing, duplicates } = countOf('m', total);
    const sentTwiceAfterRestart = [...(acceptedBy.get('after') ?? new Map<string, number>())].filter(
      ([, n]) => n > 1,
    );
    console.log(
      `redis restart, same consumer name: ${pendingAtKill} pending at the kill, ${duplicates} duplicates, ${missing} missing, ${sentTwiceAfterRestart.length} sent twice by the restarted process`,
    );
    expect(missing).toBe(0);
    expect(sentTwiceAfterRestart).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(Number(pendingAtKill));
  }, 180_000);
});

describe('Two replicas on one Redis stream', () => {
  it('share the work, send each message once, and correlate receipts whichever replica receives them', async () => {
    accepted.clear();
    const stream = `pair:${randomBytes(3).toString('hex')}`;
    const total = 2_000;
    // The simulator returns a receipt on the bind that sent the message while it is up; a replica that stops
    // before its receipts are due has them delivered to the other replica, which must still correlate them.
    // 5 s leaves room, on a loaded machine, for the waits and a's drain between its last submits and its stop.
    sim.setReceipts({ enabled: true, delayMs: 5_000 });
    // Both replicas stay alive: a takeover here would only mean a child stalled for a second under load, so
    // claimIdleMs is long enough that one never happens and any duplicate is a real one.
    const live = { RECEIPTS: '1', REDIS_URL: redis.url, REPORT_SUBMITTED: '1', CLAIM_IDLE_MS: '10000' };
    const a = replica(stream, 'a', live);
    const b = replica(stream, 'b', live);
    await Promise.all([a.ready, b.ready]);
    await enqueueAll(stream, total);
    await waitFor(() => accepted.size === total, 60_000, 'every message accepted');
    await waitFor(() => a.submitted.size + b.submitted.size === total, 10_000, 'every submit reported');
    await a.stop();
    await waitFor(
      () =>
        sim.stats().receiptsPending === 0 &&
        a.receipts.length + b.receipts.length >= sim.stats().receiptsSent,
      30_000,
      'every receipt the simulator sent',
    );
    await b.stop();
    const { missing, duplicates } = countOf('m', total);
    expect(missing).toBe(0);
    expect(duplicates).toBe(0);
    expect(a.submitted.size).toBeGreaterThan(0);
    expect(b.submitted.size).toBeGreaterThan(0);
    const receipts = [...a.receipts, ...b.receipts];
    expect(receipts.length).toBeGreaterThan(total * 0.9);
    expect(receipts.filter((r) => r.correlationId === undefined)).toEqual([]);
    const crossed = b.receipts.filter((r) => a.submitted.has(r.correlationId ?? '')).length;
    console.log(
      `two replicas: split ${a.submitted.size}/${b.submitted.size}; ${receipts.length} receipts, ${crossed} of them sent by replica a and correlated on replica b`,
    );
    expect(crossed).toBeGreaterThan(0);
  }, 120_000);
});

describe('Redis restarted during a run', () => {
  it('pauses the client, reconnects, and finishes with nothing lost', async () => {
    accepted.clear();
    sim.setReceipts({ enabled: false });
    const persistent = await startRedisServer({ persistent: true });
    const stream = `outage:${randomBytes(3).toString('hex')}`;
    const total = 3_000;
    try {
      const r = startReplica({
        BROKER: 'redis',
        BROKER_URL: persistent.url,
        QUEUE: stream,
        NAME: 'outage',
        SMSC_PORT: String(sim.port),
        CLAIM_IDLE_MS: '1000',
        RECEIPTS: '0',
      });
      replicas.push(r);
      await r.ready;
      const producer = new RedisOutboundQueue({ connection: persistent.url, stream });
      for (let i = 0; i < total; i += 500) {
        await Promise.all(
          Array.from({ length: 500 }, (_, j) =>
            producer.enqueue({ correlationId: `o${i + j}`, to: '254700000000', text: `o${i + j}` }),
          ),
        );
      }
      await producer.close();
      await waitFor(() => accepted.size >= 1_000, 60_000, '1000 accepted before the outage');
      await persistent.halt();
      const atHalt = accepted.size;
      await new Promise((res) => setTimeout(res, 1_500));
      const duringOutage = accepted.size - atHalt;
      await persistent.start();
      const check = new Redis(persistent.url);
      try {
        await waitFor(
          async () => accepted.size === total && (await check.xlen(stream)) === 0,
          60_000,
          'every message accepted after the restart',
        );
      } finally {
        // An ioredis client left open reconnects forever and keeps Jest from exiting.
        check.disconnect();
      }
      await r.stop();
      const { missing, duplicates } = countOf('o', total);
      console.log(
        `redis outage: ${atHalt} accepted before, ${duringOutage} during the 1.5 s outage, ${duplicates} duplicates, ${missing} missing`,
      );
      expect(missing).toBe(0);
      // At most the window in flight at the outage can be sent twice (answered, but the ack was lost).
      expect(duplicates).toBeLessThanOrEqual(20);
      expect(duringOutage).toBeLessThanOrEqual(40);
    } finally {
      await persistent.stop();
    }
  }, 120_000);
});
