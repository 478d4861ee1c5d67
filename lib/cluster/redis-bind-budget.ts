import type { NazLogger } from '../logging/naz-logger.interface.js';
import { silentLogger } from '../logging/safe-logger.js';
import { closeRedisClient } from '../redis/close-redis-client.js';
import { LazyRedisClient } from '../redis/lazy-redis-client.js';
import type { RedisClientLike, RedisConnectionConfig } from '../redis/redis-client.interface.js';
import {
  NAZ_BIND_BUDGET,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../tokens.js';
import type { BindBudget, BindLease } from './bind-budget.interface.js';
import { TAKE_LEASE_SCRIPT } from './lease-scripts.js';

/** Options of {@link RedisBindBudget}. */
export interface RedisBindBudgetOptions extends RedisConnectionConfig {
  /** The most simultaneous binds the SMSC allows this account, across every replica. */
  maxBinds: number;
  /** The account (its system_id), used in the default key. Either `account` or `key` is required. */
  account?: string;
  /** The Redis key of the account's leases. @default `naz:{<account>}:binds` */
  key?: string;
  /**
   * Bound replicas renew their lease three times per interval; a lease ends 1.5 intervals after its last
   * renewal, so a SIGKILLed holder's bind is taken over within 2 intervals. @default 1000
   */
  renewIntervalMs?: number;
  logger?: NazLogger;
}

/** What `RedisBindBudget.health()` reports. */
export interface RedisBindBudgetHealth {
  broker: 'redis';
  connected: boolean;
  maxBinds: number;
  /** Leases this process holds now. */
  held: number;
  /** Sessions of this process waiting for a lease. */
  standby: number;
}

/**
 * The account's bind budget, shared by every replica through Redis: at most `maxBinds` sessions bound at once.
 *
 * @remarks
 * A session takes a lease before it binds (a sorted set of holders, scored by when each lease ends) and renews
 * it while bound. A session beyond the budget stays in `standby`, connected to nothing, and binds as soon as a
 * lease frees: at once when a holder unbinds (the release is published on `<key>:released`), and within two
 * renew intervals when a holder dies without a word (its lease ends). A session whose renewal finds its lease
 * gone (a long pause, a Redis flush with the budget taken meanwhile) unbinds and waits again. While Redis is
 * unreachable, bound sessions keep their binds and standby ones stay in standby: the budget is never exceeded.
 * `ioredis` is an optional peer, loaded on first use.
 *
 * @example
 * ```ts
 * const budget = new RedisBindBudget({ connection: 'redis://redis:6379', account: 'acme', maxBinds: 2 });
 * const client = new SmppClient(options, { bindBudget: budget });
 * ```
 */
export class RedisBindBudget implements BindBudget {
  readonly maxBinds: number;
  /** The Redis key of the leases. */
  readonly key: string;
  private readonly renewMs: number;
  private readonly leaseMs: number;
  private readonly logger: NazLogger;
  private readonly redis: LazyRedisClient;
  private subscriber?: Promise<RedisClientLike>;
  private subscriberClient?: RedisClientLike;
  private readonly releaseWaiters = new Set<() => void>();
  private readonly leases = new Set<RedisLease>();
  private waiting = 0;
  private closed = false;

  /** A Nest provider under `NAZ_BIND_BUDGET` (or the named client's token), without importing Nest. */
  static provider(
    options: NazPolicyProviderOptions<RedisBindBudgetOptions>,
  ): NazFactoryProvider<RedisBindBudget> {
    return nazPolicyProvider(NAZ_BIND_BUDGET, options, (resolved) => new RedisBindBudget(resolved));
  }

  constructor(private readonly options: RedisBindBudgetOptions) {
    if (!(Number.isInteger(options.maxBinds) && options.maxBinds >= 1))
      throw new RangeError(
        `RedisBindBudget maxBinds must be an integer ≥ 1, got ${String(options.maxBinds)}`,
      );
    if (options.key === undefined && (options.account === undefined || options.account === ''))
      throw new RangeError('RedisBindBudget needs the account (its system_id) or a key');
    this.maxBinds = options.maxBinds;
    this.key = options.key ?? `naz:{${options.account}}:binds`;
    this.renewMs = options.renewIntervalMs ?? 1_000;
    if (!(Number.isFinite(this.renewMs) && this.renewMs >= 30))
      throw new RangeError(
        `RedisBindBudget renewIntervalMs must be ≥ 30, got ${String(options.renewIntervalMs)}`,
      );
    this.leaseMs = Math.ceil(this.renewMs * 1.5);
    this.logger = options.logger ?? silentLogger;
    this.redis = new LazyRedisClient(options, 'RedisBindBudget', (error: unknown) =>
      this.logger.debug('bind budget: connection problem', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  async acquire(holder: string, signal: AbortSignal, onStandby?: () => void): Promise<BindLease | undefined> {
    let announced = false;
    let redisDownLogged = false;
    while (!signal.aborted && !this.closed) {
      try {
        if (await this.take(holder)) {
          const lease = new RedisLease(this, holder);
          this.leases.add(lease);
          if (announced) this.waiting--;
          if (announced)
            this.logger.info('bind budget: lease taken; leaving standby', { key: this.key, holder });
          return lease;
        }
      } catch (error) {
        if (!redisDownLogged) {
          redisDownLogged = true;
          this.logger.warn('bind budget: Redis unreachable; staying in standby until it answers', {
            key: this.key,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      if (!announced) {
        announced = true;
        this.waiting++;
        this.logger.info(`bind budget: all ${this.maxBinds} binds of the account are held; standby`, {
          key: this.key,
          holder,
        });
        onStandby?.();
      }
      // Woken at once by a release on any replica; the timeout covers holders that died without one.
      await this.waitForRelease(signal, Math.max(10, Math.floor(this.renewMs / 4)));
    }
    if (announced) this.waiting--;
    return undefined;
  }

  /** The budget's state in this process, for health checks and metrics. */
  health(): RedisBindBudgetHealth {
    return {
      broker: 'redis',
      connected: this.redis.status === 'ready',
      maxBinds: this.maxBinds,
      held: this.leases.size,
      standby: this.waiting,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.leases].map((lease) => lease.release()));
    for (const wake of this.releaseWaiters) wake();
    await closeRedisClient(this.subscriberClient);
    await this.redis.close();
  }

  /** Nest lifecycle hook. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** @internal Takes or renews `holder`'s lease; true when it holds one after the call. */
  async take(holder: string): Promise<boolean> {
    const client = await this.redis.get();
    const reply = await TAKE_LEASE_SCRIPT.run(client, [this.key], [holder, this.maxBinds, this.leaseMs]);
    return reply === 1;
  }

  /** @internal Gives `holder`'s lease back and wakes standby sessions on every replica. */
  async giveBack(lease: RedisLease, holder: string): Promise<void> {
    this.leases.delete(lease);
    try {
      const client = await this.redis.get();
      await client
        .multi([
          ['zrem', this.key, holder],
          ['publish', `${this.key}:released`, holder],
        ])
        .exec();
    } catch (error) {
      // The lease ends by itself within 1.5 renew intervals.
      this.logger.warn('bind budget: could not release a lease; it ends by itself', {
        key: this.key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** @internal */
  get renewIntervalMs(): number {
    return this.renewMs;
  }

  /** @internal */
  get log(): NazLogger {
    return this.logger;
  }

  private waitForRelease(signal: AbortSignal, timeoutMs: number): Promise<void> {
    void this.subscribe().catch(() => undefined);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.releaseWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.releaseWaiters.add(done);
    });
  }

  private subscribe(): Promise<RedisClientLike> {
    this.subscriber ??= (async () => {
      const main = await this.redis.get();
      const sub = main.duplicate();
      this.subscriberClient = sub;
      sub.on('error', () => undefined);
      sub.on('message', (channel: unknown) => {
        if (channel !== `${this.key}:released`) return;
        for (const wake of [...this.releaseWaiters]) wake();
      });
      await sub.call('subscribe', `${this.key}:released`);
      return sub;
    })().catch((error: unknown) => {
      this.subscriber = undefined;
      throw error;
    });
    return this.subscriber;
  }
}

/** One held lease, renewed three times per renew interval until released or lost. */
class RedisLease implements BindLease {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private released = false;
  private renewing = false;

  constructor(
    private readonly budget: RedisBindBudget,
    private readonly holder: string,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(10, Math.floor(budget.renewIntervalMs / 3)));
    this.timer.unref?.();
  }

  get lost(): AbortSignal {
    return this.controller.signal;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    await this.budget.giveBack(this, this.holder);
  }

  private async renew(): Promise<void> {
    if (this.released || this.renewing) return;
    this.renewing = true;
    try {
      if (!(await this.budget.take(this.holder)) && !this.released) {
        clearInterval(this.timer);
        this.budget.log.warn('bind budget: lease lost to another replica; unbinding', {
          holder: this.holder,
        });
        this.controller.abort(new Error('bind lease lost'));
      }
    } catch {
      // Redis unreachable: nobody can take a lease meanwhile, so the bind is kept; the next renewal retries.
    } finally {
      this.renewing = false;
    }
  }
}
