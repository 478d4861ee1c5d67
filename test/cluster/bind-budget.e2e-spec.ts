import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { startClusterReplica, type ReplicaHandle } from './support/replica-handle.js';
import { pause } from './support/rate-meter.js';

const RENEW_MS = 1_000;
const ACCOUNT = 'budget';

/**
 * Binds the simulator holds for the account, now and at the peak (as its bind limit counts them: an unbound
 * connection stops counting at its unbind, not when its socket closes), with the time of each new bind.
 */
class BindWatch {
  peak = 0;
  readonly bindTimes: number[] = [];
  constructor(private readonly sim: SmscSimulator) {
    sim.on('bind', (info) => {
      if (info.systemId !== ACCOUNT) return;
      this.peak = Math.max(this.peak, sim.bindsHeld(ACCOUNT));
      this.bindTimes.push(Date.now());
    });
  }

  get current(): number {
    return this.sim.bindsHeld(ACCOUNT);
  }
}

describe('RedisBindBudget: the account’s binds shared by every replica', () => {
  let redis: RedisTestServer;
  let sim: SmscSimulator;
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
  });

  const stateOf = async (r: ReplicaHandle) => String((await r.ask('state')).state);

  it('binds 2 of 4 replicas, keeps 2 in standby, and hands a killed or stopped holder’s bind over', async () => {
    // The simulator enforces the account's limit as a real SMSC does: a third bind would get ESME_RALYBND.
    sim = await SmscSimulator.start({ receipts: { enabled: false }, maxBindsPerAccount: 2 });
    const watch = new BindWatch(sim);
    let accepted = 0;
    sim.on('submit', () => accepted++);
    replicas = ['a', 'b', 'c', 'd'].map((name) =>
      startClusterReplica('cluster-replica.ts', {
        NAME: name,
        ACCOUNT,
        SMSC_PORT: String(sim.port),
        REDIS_URL: redis.url,
        PER_SECOND: '200',
        LIMITER: 'local',
        MAX_BINDS: '2',
        RENEW_MS: String(RENEW_MS),
      }),
    );
    await Promise.all(replicas.map((r) => r.ready));
    await pause(1_500);
    const states = await Promise.all(replicas.map(stateOf));
    expect(states.filter((s) => s === 'bound')).toHaveLength(2);
    expect(states.filter((s) => s === 'standby')).toHaveLength(2);
    expect(watch.current).toBe(2);
    const before = accepted;
    await pause(1_000);
    expect(accepted).toBeGreaterThan(before); // messages flow while two replicas wait

    // A bound replica dies without a word: its lease ends and a standby one binds within 2 renew intervals.
    const victim = replicas[states.indexOf('bound')];
    const bindsBefore = watch.bindTimes.length;
    const killedAt = Date.now();
    await victim.kill();
    for (let i = 0; i < 100 && watch.bindTimes.length === bindsBefore; i++) await pause(50);
    expect(watch.bindTimes.length).toBe(bindsBefore + 1);
    expect(watch.bindTimes[bindsBefore] - killedAt).toBeLessThanOrEqual(2 * RENEW_MS);

    // A bound replica stops gracefully: unbinding releases its lease at once, the last standby one binds.
    const alive = replicas.filter((r) => r !== victim);
    const aliveStates = await Promise.all(alive.map(stateOf));
    expect(aliveStates.filter((s) => s === 'bound')).toHaveLength(2);
    const leaving = alive[aliveStates.indexOf('bound')];
    const stoppedAt = Date.now();
    const bindsNow = watch.bindTimes.length;
    await leaving.stop();
    for (let i = 0; i < 100 && watch.bindTimes.length === bindsNow; i++) await pause(20);
    expect(watch.bindTimes.length).toBe(bindsNow + 1);
    // Well under a lease's life: the release woke the standby replica, it did not wait for an expiry.
    expect(watch.bindTimes[bindsNow] - stoppedAt).toBeLessThan(RENEW_MS);

    expect(watch.peak).toBeLessThanOrEqual(2);
    expect(sim.stats().statuses.ESME_RALYBND ?? 0).toBe(0);
  }, 240_000);
});
