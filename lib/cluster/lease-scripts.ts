import { RedisScript } from '../redis/redis-script.js';

/**
 * The bind leases of one account: a sorted set of holders scored by the time (Redis server clock, ms) their lease
 * ends. Expired holders are swept by every call, so a SIGKILLed replica's lease frees itself when it ends.
 *
 * KEYS[1] the set; ARGV holder, max binds, lease ms. Takes or renews the holder's lease if it holds one or a bind
 * is free; returns 1 when the holder has a lease after the call, else 0.
 *
 * Renewal uses the same script on purpose: after a Redis restart (the set is gone) a bound replica takes its
 * lease back as long as the budget allows, instead of losing a bind it still has at the SMSC.
 */
export const TAKE_LEASE_SCRIPT = new RedisScript(
  `
local key = KEYS[1]
local holder = ARGV[1]
local max = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
if redis.call('ZSCORE', key, holder) or redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now + lease, holder)
  redis.call('PEXPIRE', key, lease * 2)
  return 1
end
return 0
`,
  1,
);
