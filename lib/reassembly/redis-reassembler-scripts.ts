import { RedisScript } from '../redis/redis-script.js';

/**
 * Lua scripts of the Redis reassembler. Each runs atomically, so when the last two parts of a message
 * arrive on two replicas at once, exactly one of them completes it; and an expired set is reported once.
 * Times come from the server's clock.
 */

const NOW_MS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Adds a part. KEYS: set hash, open-sets index (sorted by first-seen time).
 * ARGV: seq, total, part JSON, set key (index member), meta JSON, safety TTL ms, duplicate window ms.
 * Returns false (more to come, or a duplicate), or the complete set as a flat field/value list.
 * A completed set stays as a tombstone for the duplicate window: a part equal to one it had is a
 * retransmission (dropped); a different part with the same key is a new message (the reference wrapped).
 */
export const ADD_PART = new RedisScript(
  `${NOW_MS}
if redis.call('HGET', KEYS[1], 'done') then
  if redis.call('HGET', KEYS[1], 'p:' .. ARGV[1]) == ARGV[3] then return false end
  redis.call('DEL', KEYS[1])
end
if redis.call('HSETNX', KEYS[1], 'p:' .. ARGV[1], ARGV[3]) == 0 then return false end
if redis.call('HSETNX', KEYS[1], 'meta', ARGV[5]) == 1 then
  redis.call('HSET', KEYS[1], 'first', now)
  redis.call('ZADD', KEYS[2], now, ARGV[4])
end
redis.call('HSET', KEYS[1], 'last', now)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
if redis.call('HLEN', KEYS[1]) - 3 < tonumber(ARGV[2]) then return false end
local all = redis.call('HGETALL', KEYS[1])
redis.call('HSET', KEYS[1], 'done', '1')
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[7]))
redis.call('ZREM', KEYS[2], ARGV[4])
return all
`,
  2,
);

/**
 * Gives up sets. KEYS: open-sets index. ARGV: timeout ms, max open sets, limit, hash key prefix.
 * Takes sets first seen more than `timeout` ago, then the oldest beyond `max open sets`; returns
 * { reason, set key, flat field/value list } triples.
 */
export const TAKE_EXPIRED = new RedisScript(
  `${NOW_MS}
local out = {}
local function take(member, reason)
  local key = ARGV[4] .. member
  local all = redis.call('HGETALL', key)
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], member)
  if #all > 0 then
    table.insert(out, reason)
    table.insert(out, member)
    table.insert(out, all)
  end
end
local limit = tonumber(ARGV[3])
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, limit)) do
  take(member, 'expired')
end
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if extra > 0 then
  for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, math.min(extra, limit) - 1)) do
    take(member, 'evicted')
  end
end
return out
`,
  1,
);
