import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { RedisConnectionConfig } from '../../redis/redis-client.interface.js';

/**
 * What {@link RedisRateLimiter} does while Redis does not answer.
 *
 * - `'wait'`: send nothing until Redis answers again (the contract can never be exceeded).
 * - `{ fallback: 'local', share }`: send through a local token bucket at `share × perSecond` (and
 *   `share × burst`), e.g. `1 / replicas` when you know roughly how many replicas run.
 */
export type RedisDownBehaviour = 'wait' | { fallback: 'local'; share: number };

/** The shared throttle of {@link RedisRateLimiter}: how a throttled answer on any replica slows every replica. */
export interface SharedThrottleOptions {
  /** The shared rate is multiplied by this on a throttle signal (0 < f < 1). @default 0.5 */
  decreaseFactor?: number;
  /** Messages per second the cut rate regains each second, back up to the contract. @default perSecond / 10 */
  recoveryPerSecond?: number;
  /** The rate is never cut below this. @default perSecond / 20 (at least 1) */
  minPerSecond?: number;
  /**
   * After a cut, further throttle signals are ignored this long: the throttled answers to one burst reach every
   * replica at about the same time and are one signal.
   * @default 1000
   */
  holdMs?: number;
}

/** Options of {@link RedisRateLimiter}. */
export interface RedisRateLimiterOptions extends RedisConnectionConfig {
  /** The account's contract: messages (PDUs; each part of a long message counts) per second, across all replicas. */
  perSecond: number;
  /**
   * The most PDUs sent at once after an idle spell; no one-second window carries more than `perSecond + burst`.
   * @default ceil(perSecond / 10) (100 ms worth)
   */
  burst?: number;
  /**
   * The account whose contract this is, used in the default key. Give the SMSC account's `system_id`.
   * Either `account` or `key` is required.
   */
  account?: string;
  /**
   * The Redis key of the shared bucket. The `{…}` hash tag keeps it on one Redis Cluster slot.
   * @default `naz:{<account>}:rate`
   */
  key?: string;
  /**
   * Tokens a replica takes from Redis per round trip when the bucket holds them, and spends locally: at high
   * rates one round trip per message would cap each replica at 1 / round-trip time. The granted tokens count
   * against the contract at once, so the contract holds; a stopping replica loses at most this many.
   * @default max(1, floor(burst / 4))
   */
  prefetch?: number;
  /** What to do while Redis does not answer. @default 'wait' */
  whenRedisDown?: RedisDownBehaviour;
  /** A call to Redis taking longer than this counts as Redis being down. @default 1000 */
  redisTimeoutMs?: number;
  /** The shared throttle (see {@link SharedThrottleOptions}); `false` turns it off. @default {} (on) */
  sharedThrottle?: SharedThrottleOptions | false;
  logger?: NazLogger;
}

/** What `RedisRateLimiter.health()` reports. */
export interface RedisRateLimiterHealth {
  broker: 'redis';
  /** Whether the last exchange with Redis succeeded. */
  connected: boolean;
  /** `'shared'` normally; `'waiting'` or `'local-fallback'` while Redis is down. */
  mode: 'shared' | 'waiting' | 'local-fallback';
  /** The account's contract. */
  perSecond: number;
  /** The shared rate after throttle cuts, as last reported by Redis. */
  effectivePerSecond: number;
  /** Since when Redis has been unreachable (ISO time), while it is. */
  downSince?: string;
}
