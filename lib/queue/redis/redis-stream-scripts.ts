import { RedisScript } from '../../redis/redis-script.js';

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
 * Batched enqueue. KEYS: stream, the producer's batch record (a hash). ARGV: maxLength ('' for unbounded), the
 * batch's number, the record's slot count, the record's lifetime in ms, then one payload per message.
 * Adds each payload as an entry (`message` <payload>, `attempt` 1) and returns the ids in order, false for a
 * message refused because the stream already held `maxLength` entries. One command for a whole batch: the
 * client builds, writes and parses one command instead of one per message (issue 13 §2.3).
 *
 * Run twice, it adds nothing the second time: a Redis stopped by SIGTERM exits without writing the replies of
 * its last commands, and ioredis sends unanswered commands again after reconnecting. The producer numbers its
 * batches; the record keeps, per slot (number modulo the slot count), the last batch number stored there and,
 * when some of its messages were refused, what became of each ('1' added, '0' refused). A batch found there
 * returns 1 for each message added (its entry id is not kept) and false for each refused.
 */
export const ENQUEUE_BATCH = new RedisScript(
  `
local batch = ARGV[2]
local slot = tostring(tonumber(batch) % tonumber(ARGV[3]))
local seen = redis.call('HGET', KEYS[2], slot)
if seen and string.sub(seen, 1, #batch + 1) == batch .. ':' then
  local out = {}
  for i = 1, #ARGV - 4 do
    out[i] = (#seen == #batch + 1 or string.sub(seen, #batch + 1 + i, #batch + 1 + i) == '1') and 1 or false
  end
  return out
end
local max = tonumber(ARGV[1])
local length = 0
if max then length = redis.call('XLEN', KEYS[1]) end
local ids = {}
local outcome = {}
local refused = false
for i = 5, #ARGV do
  if max and length >= max then
    ids[i - 4] = false
    outcome[i - 4] = '0'
    refused = true
  else
    ids[i - 4] = redis.call('XADD', KEYS[1], '*', 'message', ARGV[i], 'attempt', '1')
    outcome[i - 4] = '1'
    length = length + 1
  end
end
redis.call('HSET', KEYS[2], slot, batch .. ':' .. (refused and table.concat(outcome) or ''))
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return ids
`,
  2,
);

/*
 * The scripts that move a message out of its entry (a retry, a dead letter) first settle the entry and do the
 * rest only when XACK found it pending. Run a second time they do nothing: a Redis stopped by SIGTERM exits
 * without writing the replies of the last commands it ran, and ioredis sends unanswered commands again after
 * reconnecting, so each must be safe to run twice. Nothing is skipped that should happen: an entry no longer
 * pending was settled already, by this command's first run or by the replica that took it over.
 */

/**
 * Delayed retry. KEYS: stream, delayed set. ARGV: group, entry id, delay ms, delayed member.
 * Parks the message in the sorted set (score = due time) and settles the stream entry, in one step.
 * Returns 1, or 0 when the entry was no longer pending (nothing done).
 */
export const PARK_FOR_RETRY = new RedisScript(
  `${NOW_MS}
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
return 1
`,
  2,
);

/**
 * Retry now. KEYS: stream. ARGV: group, entry id, payload, attempt.
 * Settles the entry and adds the message again as a new entry at the stream's end. Returns the new entry id,
 * or false when the entry was no longer pending (nothing done).
 */
export const REQUEUE_NOW = new RedisScript(
  `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return false end
redis.call('XDEL', KEYS[1], ARGV[2])
return redis.call('XADD', KEYS[1], '*', 'message', ARGV[3], 'attempt', ARGV[4])
`,
  1,
);

/**
 * Dead letter. KEYS: stream, dead-letter stream. ARGV: group, entry id, dead-letter max length (approximate),
 * payload, attempt, reason, failed-at ms, consumer.
 * Settles the entry and adds it to the dead letters with its reason. Returns the dead letter's id, or false
 * when the entry was no longer pending (nothing done).
 */
export const DEAD_LETTER = new RedisScript(
  `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return false end
redis.call('XDEL', KEYS[1], ARGV[2])
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'message', ARGV[4], 'attempt', ARGV[5],
  'reason', ARGV[6], 'failedAt', ARGV[7], 'sourceId', ARGV[2], 'consumer', ARGV[8])
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

/**
 * Batched acknowledgement. KEYS: stream. ARGV: group, then the entry ids (at most a few thousand: Lua's
 * `unpack` limit). XACK then XDEL in one atomic command: cheaper for the client than a MULTI of four
 * commands (one command to build and one reply to read), and never an acknowledged entry left in the stream.
 */
export const ACK_AND_DELETE = new RedisScript(
  `
local ids = { unpack(ARGV, 2) }
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
return redis.call('XDEL', KEYS[1], unpack(ids))
`,
  1,
);
