import { RedisScript } from '../../redis/redis-script.js';

/**
 * The shared bucket of {@link RedisRateLimiter}: one hash per account, updated only by these scripts.
 *
 * Fields (all times in milliseconds of the Redis server's clock, so replicas' clocks never matter):
 * - `tat`: the GCRA "theoretical arrival time", the moment the bucket is empty again at the current rate;
 * - `cut`/`cutAt`: the rate after the last throttle cut and when it was cut (absent when at the contract).
 *
 * Why GCRA: one number per account, one script call per attempt, and a refused caller is told exactly how long
 * until the bucket conforms, so it sleeps that long and asks once more: no polling. Tokens are taken only
 * when they may go out NOW (by the Redis clock), not reserved for later: a replica whose timer fires late
 * (a GC pause, a busy event loop) would otherwise send its reserved slot late, on top of the slots of that
 * moment, and the SMSC would see more than `rate + burst` in one second. A first version reserved slots and
 * showed exactly that under load (389 in one second for a 300/s + 30 contract).
 */

/** Effective rate now: the contract, or the cut rate recovering additively toward it. */
const EFFECTIVE_RATE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function effective_rate(key, contract, recovery, now)
  local cut = redis.call('HGET', key, 'cut')
  if not cut then return contract end
  local cut_at = tonumber(redis.call('HGET', key, 'cutAt'))
  local rate = tonumber(cut) + recovery * math.max(0, now - cut_at) / 1000
  if rate >= contract then
    redis.call('HDEL', key, 'cut', 'cutAt')
    return contract
  end
  return rate
end
`;

/**
 * KEYS[1] bucket; ARGV tokens needed, tokens wanted (≥ needed), contract rate (/s), burst, recovery (/s per s),
 * idle ttl (ms).
 * When the bucket holds the needed tokens now, takes what it holds up to the wanted number (a replica's
 * prefetch, spent locally) and returns { '0', rate, granted }; otherwise takes nothing and returns
 * { wait ms until it would hold them, rate, 0 }. A need larger than the burst waits for a full bucket, then
 * leaves it in debt, so it is never stuck.
 *
 * A missing bucket starts EMPTY (tat = now + burst intervals): a Redis restart or flush that loses the key
 * must not hand every replica a fresh burst on top of what it just sent.
 */
export const ACQUIRE_SCRIPT = new RedisScript(
  `${EFFECTIVE_RATE}
local key = KEYS[1]
local need = tonumber(ARGV[1])
local want = tonumber(ARGV[2])
local contract = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local recovery = tonumber(ARGV[5])
local idle_ttl = tonumber(ARGV[6])
local now = now_ms()
local rate = effective_rate(key, contract, recovery, now)
local interval = 1000 / rate
local tat = tonumber(redis.call('HGET', key, 'tat'))
if not tat then
  tat = now + burst * interval
  redis.call('HSET', key, 'tat', tostring(tat))
end
if tat < now then tat = now end
local wait = tat + math.min(need, burst) * interval - burst * interval - now
if wait > 0 then
  redis.call('PEXPIRE', key, math.ceil(tat - now + idle_ttl))
  return { tostring(wait), tostring(rate), 0 }
end
local held = math.floor((now + burst * interval - tat) / interval)
local granted = math.max(need, math.min(want, held))
local new_tat = tat + granted * interval
redis.call('HSET', key, 'tat', tostring(new_tat))
redis.call('PEXPIRE', key, math.ceil(new_tat - now + idle_ttl))
return { '0', tostring(rate), granted }
`,
  1,
);

/**
 * KEYS[1] bucket; ARGV contract, recovery, decrease factor, floor rate, hold ms, idle ttl.
 * Cuts the shared rate (multiplicative decrease) unless it was cut less than `hold` ms ago: the responses of
 * one throttled burst arrive together from every replica and must count as one signal, not a hundred.
 * Returns { 1 if this call cut, else 0; the effective rate after }.
 */
export const CUT_SCRIPT = new RedisScript(
  `${EFFECTIVE_RATE}
local key = KEYS[1]
local contract = tonumber(ARGV[1])
local recovery = tonumber(ARGV[2])
local factor = tonumber(ARGV[3])
local floor = tonumber(ARGV[4])
local hold = tonumber(ARGV[5])
local idle_ttl = tonumber(ARGV[6])
local now = now_ms()
local rate = effective_rate(key, contract, recovery, now)
local cut_at = tonumber(redis.call('HGET', key, 'cutAt'))
if cut_at and now - cut_at < hold then return { 0, tostring(rate) } end
local cut = math.max(floor, rate * factor)
redis.call('HSET', key, 'cut', tostring(cut), 'cutAt', tostring(now))
local tat = tonumber(redis.call('HGET', key, 'tat'))
local ttl = idle_ttl
if tat and tat > now then ttl = ttl + (tat - now) end
redis.call('PEXPIRE', key, math.ceil(ttl))
return { 1, tostring(cut) }
`,
  1,
);
