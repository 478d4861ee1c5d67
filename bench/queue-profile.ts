/**
 * `node .out/bench/queue-profile.js [messages]` (after `tsc -p tsconfig.run.json`): the Redis pipeline of the
 * `queues` scenario alone (window 100, `send()` → stream → send loop → simulator → ack) in this process, on a
 * throwaway `redis-server`, so a profiler (`node --cpu-prof`) or an A/B of two builds or two ioredis versions
 * sees only it.
 *
 * Environment: WARMUP (default 20000: unmeasured messages first, on the measured client), PROFILE_COMMANDSTATS=1
 * (prints Redis's `INFO commandstats` after the run: the commands per message, whatever the load).
 */
import { startRedisServer } from '../test/support/redis-server.js';
import { SimulatorProcess } from './support/simulator-process.js';

const messages = Number(process.argv[2] ?? 100_000);
const warmup = Number(process.env.WARMUP ?? 20_000);
const redis = await startRedisServer();
// The driver reads the address from its environment, as the bench's child processes do.
process.env.BENCH_REDIS_URL = redis.url;
const { redisQueueDriver } = await import('./drivers/queue-drivers.js');
const sim = await SimulatorProcess.start();
try {
  const result = await redisQueueDriver({ port: sim.port, window: 100, messages, receipts: false, warmup });
  console.error(`redis: ${result.msgsPerSec} msg/s, ${result.cpuUsPerMsg} µs CPU/msg`);
  if (process.env.PROFILE_COMMANDSTATS === '1') {
    const { Redis } = await import('ioredis');
    const probe = new Redis(redis.url);
    try {
      console.error(await probe.info('commandstats'));
    } finally {
      probe.disconnect();
    }
  }
} finally {
  await sim.stop();
  await redis.stop();
}
