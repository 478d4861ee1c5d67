/**
 * One replica of a service sending as one SMPP account, in its own process: an SmppClient that always has work
 * (its in-memory queue is kept topped up) and a rate limiter that is either the shared RedisRateLimiter or a
 * per-replica token bucket, for comparison. The parent test runs the simulator and Redis and measures there.
 *
 * Configuration comes from the environment (NAZ_TEST_*); progress goes to the parent over IPC.
 */
import { SmppClient } from '../../../lib/client/smpp-client.js';
import { RedisBindBudget } from '../../../lib/cluster/redis-bind-budget.js';
import { RedisRateLimiter } from '../../../lib/rate-limit/redis/redis-rate-limiter.js';
import type { RateLimiter } from '../../../lib/rate-limit/rate-limiter.interface.js';
import { TokenBucketRateLimiter } from '../../../lib/rate-limit/token-bucket-rate-limiter.js';

const env = (name: string, fallback?: string): string => {
  const value = process.env[`NAZ_TEST_${name}`] ?? fallback;
  if (value === undefined) throw new Error(`NAZ_TEST_${name} is not set`);
  return value;
};
const send = (message: Record<string, unknown>): void => void process.send?.(message);

const perSecond = Number(env('PER_SECOND'));
const burst = process.env.NAZ_TEST_BURST ? Number(process.env.NAZ_TEST_BURST) : undefined;
const limiter: RateLimiter & { close?: () => Promise<void>; health?: () => unknown } =
  env('LIMITER') === 'shared'
    ? new RedisRateLimiter({
        connection: env('REDIS_URL'),
        account: env('ACCOUNT'),
        perSecond,
        burst,
        redisTimeoutMs: 500,
        logger: {
          debug: () => undefined,
          info: (message) => send({ type: 'log', message }),
          warn: (message) => send({ type: 'log', message }),
          error: (message) => send({ type: 'log', message }),
        },
      })
    : new TokenBucketRateLimiter({ perSecond, burst });

const bindBudget = process.env.NAZ_TEST_MAX_BINDS
  ? new RedisBindBudget({
      connection: env('REDIS_URL'),
      account: env('ACCOUNT'),
      maxBinds: Number(env('MAX_BINDS')),
      renewIntervalMs: Number(env('RENEW_MS', '1000')),
    })
  : undefined;

const client = new SmppClient(
  {
    name: env('NAME'),
    host: '127.0.0.1',
    port: Number(env('SMSC_PORT')),
    systemId: env('ACCOUNT'),
    password: 'secret',
    windowSize: 20,
    logLevel: 'error',
    defaults: { from: 'NAZ' },
    reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
    retry: { maxAttempts: 1_000, maxThrottledAttempts: 1_000 },
  },
  { rateLimiter: limiter, ...(bindBudget ? { bindBudget } : {}) },
);

let sent = 0;
let done = 0;
let stopping = false;
client.on('submitted', () => done++);
client.on('failed', () => done++);
/** Keeps a few hundred messages queued so the rate limiter, not the producer, sets the pace. */
async function produce(): Promise<void> {
  while (!stopping) {
    for (let backlog = sent - done; backlog < 200 && !stopping; backlog++) {
      await client.send({ to: `4477009${String(sent++ % 100_000).padStart(5, '0')}`, text: 'rate' });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'health') send({ type: 'health', health: limiter.health?.() });
  if (message.type === 'state') send({ type: 'state', state: client.state });
  if (message.type !== 'stop') return;
  stopping = true;
  void (async () => {
    await client.stop({ drainTimeoutMs: 1_000 });
    await limiter.close?.();
    await bindBudget?.close();
    send({ type: 'stopped' });
    process.exit(0);
  })();
});

client.on('standby', (event) => send({ type: 'standby', standby: event.standby }));
await client.start();
// A replica beyond the bind budget is ready in standby: it binds when a lease frees.
while (!client.isBound() && client.state !== 'standby') await new Promise((r) => setTimeout(r, 20));
send({ type: 'ready' });
void produce();
