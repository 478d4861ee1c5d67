import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import { LazyRedisClient } from '../../redis/lazy-redis-client.js';
import type { RedisClientLike } from '../../redis/redis-client.interface.js';
import {
  NAZ_RATE_LIMITER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../../tokens.js';
import type { RateLimiter } from '../rate-limiter.interface.js';
import type { SharedThrottleSignal } from '../shared-throttle-signal.interface.js';
import { TokenBucketRateLimiter } from '../token-bucket-rate-limiter.js';
import { abortableDelay } from './abortable-delay.js';
import { CUT_SCRIPT, ACQUIRE_SCRIPT } from './gcra-scripts.js';
import type {
  RedisRateLimiterHealth,
  RedisRateLimiterOptions,
  SharedThrottleOptions,
} from './redis-rate-limiter-options.interface.js';

/** Idle buckets expire this long after they were last used (a new one starts empty: never a burst). */
const IDLE_TTL_MS = 600_000;
/** Probes of an unreachable Redis back off from the first to the last delay. */
const PROBE_DELAYS_MS = [100, 200, 500, 1_000, 2_000];

/**
 * One rate limit per SMPP account, shared by every replica through Redis: the contract's `perSecond` holds for
 * the sum of all replicas, whether 1 or 40 run, and however many join or leave.
 *
 * @remarks
 * The bucket is a GCRA cell updated by one Lua script (see `gcra-scripts.ts` for why GCRA): the script takes the
 * tokens when they may go out now, or says how long until they may, and the caller sleeps exactly that long
 * before asking again, never polling. With several replicas waiting, each wake-up is one more round trip. Each part of a long message is one token (the client asks for `parts` tokens).
 * Times come from the Redis server's clock, so skew between replicas does not matter.
 *
 * Shared throttle: when any replica gets `ESME_RTHROTTLED`/`ESME_RMSGQFUL`, the client calls
 * {@link RedisRateLimiter.reportThrottled}; the shared rate is halved (by default) for everyone, then regains
 * `recoveryPerSecond` each second up to the contract (multiplicative decrease, additive increase).
 *
 * When Redis does not answer (`redisTimeoutMs`), the limiter never sends faster than the contract: by default
 * it waits for Redis; with `whenRedisDown: { fallback: 'local', share }` it sends through a local bucket at
 * `share` of the contract. Either way it logs a warning once per outage, reports it in `health()`, probes Redis
 * with a backing-off PING, and logs again when Redis is back. `ioredis` is an optional peer, loaded on first use.
 *
 * @example
 * ```ts
 * const limiter = new RedisRateLimiter({ connection: 'redis://redis:6379', account: 'acme', perSecond: 300 });
 * const client = new SmppClient(options, { rateLimiter: limiter });
 * ```
 */
export class RedisRateLimiter implements RateLimiter, SharedThrottleSignal {
  /** The Redis key of the shared bucket. */
  readonly key: string;
  readonly perSecond: number;
  readonly burst: number;
  private readonly timeoutMs: number;
  private readonly throttle: Required<SharedThrottleOptions> | undefined;
  private readonly logger: NazLogger;
  private readonly fallback: TokenBucketRateLimiter | undefined;
  private readonly redis: LazyRedisClient;
  private closed = false;
  private downSince: number | undefined;
  private upAgain: { promise: Promise<void>; resolve: () => void } | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private effective: number;
  private cutInFlight = false;
  private readonly prefetch: number;
  /** Tokens granted by Redis and not spent yet (a prefetch), spent before asking Redis again. */
  private pooled = 0;
  /** Acquires run one after another, so they share the pool and at most one round trip is in flight. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * A Nest provider under `NAZ_RATE_LIMITER` (or the named client's token), without importing Nest.
   *
   * @example
   * ```ts
   * NazModule.forRootAsync({
   *   extraProviders: [RedisRateLimiter.provider({ connection: process.env.REDIS_URL, account: 'acme', perSecond: 300 })],
   *   ...
   * })
   * ```
   */
  static provider(
    options: NazPolicyProviderOptions<RedisRateLimiterOptions>,
  ): NazFactoryProvider<RedisRateLimiter> {
    return nazPolicyProvider(NAZ_RATE_LIMITER, options, (resolved) => new RedisRateLimiter(resolved));
  }

  constructor(private readonly options: RedisRateLimiterOptions) {
    const { perSecond } = options;
    if (!(Number.isFinite(perSecond) && perSecond > 0))
      throw new RangeError(`RedisRateLimiter perSecond must be a number > 0, got ${String(perSecond)}`);
    this.perSecond = perSecond;
    this.burst = options.burst ?? Math.max(1, Math.ceil(perSecond / 10));
    if (!(Number.isFinite(this.burst) && this.burst >= 1))
      throw new RangeError(`RedisRateLimiter burst must be a number ≥ 1, got ${String(options.burst)}`);
    if (options.key === undefined && (options.account === undefined || options.account === ''))
      throw new RangeError(
        'RedisRateLimiter needs the account (its system_id) or a key: replicas of one account must share one key',
      );
    this.key = options.key ?? `naz:{${options.account}}:rate`;
    this.timeoutMs = options.redisTimeoutMs ?? 1_000;
    if (!(Number.isFinite(this.timeoutMs) && this.timeoutMs > 0))
      throw new RangeError(
        `RedisRateLimiter redisTimeoutMs must be > 0, got ${String(options.redisTimeoutMs)}`,
      );
    this.throttle =
      options.sharedThrottle === false ? undefined : resolveThrottle(options.sharedThrottle, perSecond);
    const down = options.whenRedisDown ?? 'wait';
    if (down !== 'wait') {
      if (!(down.fallback === 'local' && down.share > 0 && down.share <= 1))
        throw new RangeError(
          `RedisRateLimiter whenRedisDown must be 'wait' or { fallback: 'local', share } with 0 < share ≤ 1`,
        );
      this.fallback = new TokenBucketRateLimiter({
        perSecond: perSecond * down.share,
        burst: Math.max(1, this.burst * down.share),
      });
    }
    this.prefetch = options.prefetch ?? Math.max(1, Math.floor(this.burst / 4));
    if (!(Number.isInteger(this.prefetch) && this.prefetch >= 1 && this.prefetch <= this.burst))
      throw new RangeError(
        `RedisRateLimiter prefetch must be an integer in [1, burst (${this.burst})], got ${String(options.prefetch)}`,
      );
    this.logger = options.logger ?? silentLogger;
    this.effective = perSecond;
    this.redis = new LazyRedisClient(options, 'RedisRateLimiter', (error: unknown) =>
      this.logger.debug('shared rate limiter: connection problem', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  /** Resolves when `tokens` PDUs may go out under the shared contract; rejects only if `signal` aborts. */
  acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    if (this.pooled >= tokens) {
      this.pooled -= tokens;
      return Promise.resolve();
    }
    const turn = this.queue.then(() => this.acquireInOrder(tokens, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquireInOrder(tokens: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.pooled >= tokens) {
        this.pooled -= tokens;
        return;
      }
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (this.downSince !== undefined) {
        if (this.fallback) return this.fallback.acquire(tokens, signal);
        await this.waitUntilUp(signal);
        continue;
      }
      let waitMs: number;
      try {
        const reply = await this.withTimeout((client) =>
          ACQUIRE_SCRIPT.run(
            client,
            [this.key],
            [
              tokens - this.pooled,
              Math.max(tokens - this.pooled, this.prefetch),
              this.perSecond,
              this.burst,
              this.throttle?.recoveryPerSecond ?? 0,
              IDLE_TTL_MS,
            ],
          ),
        );
        const [wait, rate, granted] = reply as [string, string, number];
        waitMs = Number(wait);
        this.effective = Number(rate);
        this.pooled += granted;
      } catch (error) {
        if (this.closed) throw new Error('RedisRateLimiter is closed', { cause: error });
        this.markDown(error);
        continue;
      }
      if (waitMs <= 0) continue;
      // Refused: the bucket conforms in waitMs (unless another replica takes it first); ask again then.
      await abortableDelay(Math.max(1, Math.ceil(waitMs)), signal);
    }
  }

  /**
   * A throttled answer (`ESME_RTHROTTLED`, `ESME_RMSGQFUL`) reached this replica: cut the shared rate for all.
   * Fire and forget; at most one cut is in flight per replica, and Redis ignores cuts within `holdMs` of the last.
   */
  reportThrottled(): void {
    if (!this.throttle || this.cutInFlight || this.downSince !== undefined || this.closed) return;
    this.cutInFlight = true;
    const t = this.throttle;
    void this.withTimeout((client) =>
      CUT_SCRIPT.run(
        client,
        [this.key],
        [this.perSecond, t.recoveryPerSecond, t.decreaseFactor, t.minPerSecond, t.holdMs, IDLE_TTL_MS],
      ),
    )
      .then((reply) => {
        const [didCut, rate] = reply as [number, string];
        this.effective = Number(rate);
        if (didCut === 1)
          this.logger.warn('shared rate limiter: SMSC throttled; shared rate cut for every replica', {
            key: this.key,
            perSecond: Number(rate),
            contract: this.perSecond,
          });
      })
      .catch((error: unknown) => this.markDown(error))
      .finally(() => (this.cutInFlight = false));
  }

  /** The state of the shared limit, for health checks and metrics. */
  health(): RedisRateLimiterHealth {
    const mode = this.downSince === undefined ? 'shared' : this.fallback ? 'local-fallback' : 'waiting';
    return {
      broker: 'redis',
      connected: this.downSince === undefined && this.redis.status === 'ready',
      mode,
      perSecond: this.perSecond,
      effectivePerSecond: this.effective,
      ...(this.downSince === undefined ? {} : { downSince: new Date(this.downSince).toISOString() }),
    };
  }

  /** Closes the connection it opened (not a client you passed in); pending acquires reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.probeTimer);
    this.upAgain?.resolve();
    await this.redis.close();
  }

  /** Nest lifecycle hook: closes the connection when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async withTimeout(run: (client: RedisClientLike) => Promise<unknown>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms (redisTimeoutMs)`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.redis.get().then(run), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private markDown(error: unknown): void {
    if (this.downSince !== undefined || this.closed) return;
    this.downSince = Date.now();
    this.logger.warn(
      this.fallback
        ? 'shared rate limiter: Redis unreachable; sending through the local fallback bucket until it answers'
        : 'shared rate limiter: Redis unreachable; sending paused until it answers (whenRedisDown: wait)',
      { key: this.key, error: error instanceof Error ? error.message : String(error) },
    );
    this.probe(0);
  }

  /** PINGs Redis with backoff until it answers, then wakes the waiting acquires. */
  private probe(attempt: number): void {
    const delay = PROBE_DELAYS_MS[Math.min(attempt, PROBE_DELAYS_MS.length - 1)];
    this.probeTimer = setTimeout(() => {
      void this.withTimeout((client) => client.call('ping')).then(
        () => {
          if (this.closed) return;
          const downMs = Date.now() - (this.downSince ?? Date.now());
          this.downSince = undefined;
          this.logger.info('shared rate limiter: Redis answers again; shared limit restored', {
            key: this.key,
            downMs,
          });
          const waiting = this.upAgain;
          this.upAgain = undefined;
          waiting?.resolve();
        },
        () => {
          if (!this.closed) this.probe(attempt + 1);
        },
      );
    }, delay);
    this.probeTimer.unref?.();
  }

  private waitUntilUp(signal?: AbortSignal): Promise<void> {
    if (!this.upAgain) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.upAgain = { promise, resolve };
    }
    const up = this.upAgain.promise;
    if (!signal) return up;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      void up.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

function resolveThrottle(
  options: SharedThrottleOptions = {},
  perSecond: number,
): Required<SharedThrottleOptions> {
  const resolved = {
    decreaseFactor: options.decreaseFactor ?? 0.5,
    recoveryPerSecond: options.recoveryPerSecond ?? perSecond / 10,
    minPerSecond: options.minPerSecond ?? Math.max(1, perSecond / 20),
    holdMs: options.holdMs ?? 1_000,
  };
  if (!(resolved.decreaseFactor > 0 && resolved.decreaseFactor < 1))
    throw new RangeError(
      `sharedThrottle.decreaseFactor must be in (0, 1), got ${String(resolved.decreaseFactor)}`,
    );
  if (!(resolved.recoveryPerSecond > 0))
    throw new RangeError(
      `sharedThrottle.recoveryPerSecond must be > 0, got ${String(resolved.recoveryPerSecond)}`,
    );
  if (!(resolved.minPerSecond > 0 && resolved.minPerSecond <= perSecond))
    throw new RangeError(
      `sharedThrottle.minPerSecond must be in (0, perSecond], got ${String(resolved.minPerSecond)}`,
    );
  if (!(resolved.holdMs >= 0))
    throw new RangeError(`sharedThrottle.holdMs must be ≥ 0, got ${String(resolved.holdMs)}`);
  return resolved;
}
