import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { startClusterReplica, type ReplicaHandle } from './support/replica-handle.js';
import { pause } from './support/rate-meter.js';

const CONTRACT = 300;
/** What the SMSC really takes during the storm: half the contract. */
const STORM_CAPACITY = 150;
const STORM_MS = 8_000;

/** submit_sm received by the simulator (accepted or throttled), sampled every 250 ms. */
class AttemptSampler {
  readonly samples: Array<{ at: number; attempts: number; throttled: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly sim: SmscSimulator) {
    this.timer = setInterval(() => this.sample(), 250);
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Attempts per second between the samples nearest to `from` and `to`. */
  rate(from: number, to: number): number {
    const a = this.nearest(from);
    const b = this.nearest(to);
    return ((b.attempts - a.attempts) * 1000) / (b.at - a.at);
  }

  throttledBetween(from: number, to: number): number {
    return this.nearest(to).throttled - this.nearest(from).throttled;
  }

  private nearest(t: number): { at: number; attempts: number; throttled: number } {
    return this.samples.reduce((best, s) => (Math.abs(s.at - t) < Math.abs(best.at - t) ? s : best));
  }

  private sample(): void {
    const stats = this.sim.stats();
    this.samples.push({
      at: Date.now(),
      attempts: stats.received.submit_sm ?? 0,
      throttled: stats.statuses.ESME_RTHROTTLED ?? 0,
    });
  }
}

describe('shared throttle: a throttled answer on one replica slows them all', () => {
  let redis: RedisTestServer;
  let sim: SmscSimulator | undefined;
  let replicas: ReplicaHandle[] = [];

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
    sim = undefined;
  });

  /** 3 replicas of one account; `shared`: the Redis limiter at the contract, else a bucket of a third each. */
  async function storm(
    limiter: 'shared' | 'local',
    account: string,
  ): Promise<{ sampler: AttemptSampler; t0: number }> {
    const s = await SmscSimulator.start({ receipts: { enabled: false } });
    sim = s;
    const group = ['a', 'b', 'c'].map((name) =>
      startClusterReplica('cluster-replica.ts', {
        NAME: name,
        ACCOUNT: account,
        SMSC_PORT: String(s.port),
        REDIS_URL: redis.url,
        PER_SECOND: String(limiter === 'shared' ? CONTRACT : CONTRACT / 3),
        LIMITER: limiter,
      }),
    );
    replicas.push(...group);
    await Promise.all(group.map((r) => r.ready));
    await pause(1_000);
    s.setFaults({ throttleAboveRate: STORM_CAPACITY });
    const t0 = Date.now();
    const sampler = new AttemptSampler(s);
    await pause(STORM_MS);
    return { sampler, t0 };
  }

  it('adapts the aggregate to the storm within two seconds, throttles less than per-replica limits, then recovers', async () => {
    const local = await storm('local', 'storm-local');
    local.sampler.stop();
    const localThrottled = local.sampler.throttledBetween(local.t0, local.t0 + STORM_MS);
    await Promise.all(replicas.map((r) => r.kill()));
    replicas = [];
    await sim?.stop();

    const shared = await storm('shared', 'storm-shared');
    const { sampler, t0 } = shared;
    const sharedThrottled = sampler.throttledBetween(t0, t0 + STORM_MS);
    // After two seconds the shared rate hovers around what the SMSC takes, not at the contract.
    expect(sampler.rate(t0 + 2_000, t0 + STORM_MS)).toBeLessThan(STORM_CAPACITY * 1.5);
    expect(sharedThrottled).toBeLessThan(localThrottled);
    const logs = replicas.flatMap((r) => r.logs);
    expect(logs.some((l) => l.includes('shared rate cut for every replica'))).toBe(true);

    // The storm ends: the shared rate regains perSecond / 10 each second, back to the contract.
    sim?.clearFaults();
    const calm = Date.now();
    await pause(9_000);
    sampler.stop();
    expect(sampler.rate(calm + 7_000, calm + 9_000)).toBeGreaterThan(CONTRACT * 0.9);
  }, 240_000);
});
