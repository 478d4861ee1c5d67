import { RedisScript } from './redis-script.js';

/**
 * Lua scripts of the Redis Streams queue. Each runs atomically on the server, so a replica dying halfway
 * never leaves a message both retried and pending, or promoted twice. Times come from the server's clock
 * (`TIME`), so replicas with skewed clocks agree on when a delayed message is due.
 */

const NOW_MS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Bounded enqueue. KEYS: stream. ARGV: maxLength, then field/value pairs.
 * Returns the entry id, or false when the stream already holds `maxLength` entries: the queue refuses new
 * work instead of trimming (XADD MAXLEN would drop the oldest, unacknowledged, messages).
 */
export const ENQUEUE_BOUNDED = new RedisScript(
  `
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
`,
  1,
);

/**
 * Delayed retry. KEYS: stream, delayed set. ARGV: group, entry id, delay ms, delayed member.
 * Parks the message in the sorted set (score = due time) and settles the stream entry, in one step.
 */
export const PARK_FOR_RETRY = new RedisScript(
  `${NOW_MS}
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return now
`,
  2,
);

/**
 * Promotion. KEYS: stream, delayed set, import list (may be absent). ARGV: limit.
 * Moves up to `limit` due delayed messages back into the stream, then up to `limit` items a naz producer
 * LPUSHed to the import list (RPOP: oldest first). Returns { moved, ms until the next delayed message or -1 }.
 */
export const PROMOTE = new RedisScript(
  `${NOW_MS}
local limit = tonumber(ARGV[1])
local moved = 0
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
for _, member in ipairs(due) do
  local item = cjson.decode(member)
  redis.call('XADD', KEYS[1], '*', 'message', item.m, 'attempt', tostring(item.a))
  redis.call('ZREM', KEYS[2], member)
  moved = moved + 1
end
if KEYS[3] and KEYS[3] ~= '' then
  for _ = 1, limit do
    local raw = redis.call('RPOP', KEYS[3])
    if not raw then break end
    redis.call('XADD', KEYS[1], '*', 'message', raw, 'attempt', '1')
    moved = moved + 1
  end
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local wait = -1
if nextDue[2] then wait = math.max(0, tonumber(nextDue[2]) - now) end
return { moved, wait }
`,
  3,
);

/**
 * Consumer clean-up. KEYS: stream. ARGV: group, min idle ms, own consumer name.
 * Deletes consumers of dead replicas that hold nothing (pending 0) and were idle longer than the threshold.
 * A consumer with pending messages is never deleted: XGROUP DELCONSUMER would drop its pending entries, and
 * those messages would never be delivered again.
 */
export const DELETE_IDLE_CONSUMERS = new RedisScript(
  `
local removed = 0
local consumers = redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
for _, c in ipairs(consumers) do
  local name, pending, idle
  for i = 1, #c, 2 do
    if c[i] == 'name' then name = c[i + 1]
    elseif c[i] == 'pending' then pending = c[i + 1]
    elseif c[i] == 'idle' then idle = c[i + 1] end
  end
  if name ~= ARGV[3] and pending == 0 and idle > tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name)
    removed = removed + 1
  end
end
return removed
`,
  1,
);
