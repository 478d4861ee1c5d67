import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { startClusterReplica, type ReplicaHandle } from './support/replica-handle.js';
import { pause, RateMeter } from './support/rate-meter.js';

const PER_SECOND = 300;
const BURST = 30;

/**
 * No clock second carries more than the contract allows (perSecond + burst), as an SMSC counting per second sees
 * it. Sliding one-second windows get a loose bound only (a quarter over): the timestamps are taken where the
 * simulator processes a submit, inside this test process, and a stall here stamps earlier arrivals together (on
 * a 2-core machine at load average 21, sliding maxima of up to 366 were measured while clock seconds held 330).
 * Per-replica limits would send 3-4× the contract, so the loose bound still catches an unshared limit.
 */
function expectWithinContract(meter: RateMeter, from: number, to: number): void {
  expect(meter.maxPerClockSecond(from, to)).toBeLessThanOrEqual(PER_SECOND + BURST);
  expect(meter.maxInWindow(1_000, from, to)).toBeLessThanOrEqual((PER_SECOND + BURST) * 1.25);
}

describe('RedisRateLimiter: one contract shared by every replica', () => {
  let redis: RedisTestServer;
  let sim: SmscSimulator;
  let replicas: ReplicaHandle[] = [];
  let account = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    replicas = [];
    await sim?.stop();
  });

  const start = (name: string, acct: string, limiter = 'shared'): ReplicaHandle => {
    const replica = startClusterReplica('cluster-replica.ts', {
      NAME: name,
      ACCOUNT: acct,
      SMSC_PORT: String(sim.port),
      REDIS_URL: redis.url,
      PER_SECOND: String(PER_SECOND),
      BURST: String(BURST),
      LIMITER: limiter,
    });
    replicas.push(replica);
    return replica;
  };

  it('holds 3 replicas, then replicas joining and leaving, to the account rate (±5%, no second above rate + burst)', async () => {
    sim = await SmscSimulator.start({ receipts: { enabled: false } });
    const meter = new RateMeter(sim);
    const acct = `acct${++account}`;
    const [a, b, c] = [start('a', acct), start('b', acct), start('c', acct)];
    await Promise.all([a.ready, b.ready, c.ready]);
    const t0 = Date.now();
    await pause(6_000);
    const d = start('d', acct); // joins mid-run
    await d.ready;
    await pause(4_000);
    await b.kill(); // leaves without a goodbye
    await pause(4_000);
    await c.stop(); // leaves gracefully
    await pause(6_000);
    const t1 = Date.now();
    meter.detach();

    const seconds = (t1 - t0) / 1000;
    const rate = meter.countBetween(t0, t1) / seconds;
    expect(seconds).toBeGreaterThanOrEqual(20);
    expect(rate).toBeGreaterThan(PER_SECOND * 0.95);
    expect(rate).toBeLessThan(PER_SECOND * 1.05);
    expectWithinContract(meter, t0, t1);
    // Per-replica buckets of the same setting would send 3-4× the contract: the limiter is what holds it.
  }, 240_000);

  it('sends no burst above the contract when Redis restarts mid-run, and resumes after', async () => {
    sim = await SmscSimulator.start({ receipts: { enabled: false } });
    const meter = new RateMeter(sim);
    const acct = `acct${++account}`;
    const group = [start('r1', acct), start('r2', acct), start('r3', acct)];
    await Promise.all(group.map((r) => r.ready));
    await pause(3_000);
    await redis.halt();
    const haltedAt = Date.now();
    await pause(2_000);
    const duringOutage = meter.countBetween(haltedAt + 1_000, Date.now());
    await redis.start();
    const restartedAt = Date.now();
    await pause(5_000);
    meter.detach();

    // 'wait' (the default): nothing goes out once the in-flight reservations are spent.
    expect(duringOutage).toBe(0);
    expectWithinContract(meter, 0, Date.now());
    // Sending resumed at the contract after the restart.
    const after = meter.countBetween(restartedAt + 2_000, restartedAt + 5_000) / 3;
    expect(after).toBeGreaterThan(PER_SECOND * 0.9);
    const logs = group.flatMap((r) => r.logs);
    expect(logs.some((l) => l.includes('Redis unreachable'))).toBe(true);
    expect(logs.some((l) => l.includes('Redis answers again'))).toBe(true);
  }, 240_000);
});
