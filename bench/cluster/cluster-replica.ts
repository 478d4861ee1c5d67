/**
 * One replica for the cluster bench: consumes the shared Redis stream and submits to the simulator, paced by the
 * account's shared RedisRateLimiter (or unlimited). Reports 'ready' and, on 'stop', 'stopped' over IPC.
 */
import { SmppClient } from '../../lib/client/smpp-client.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { RedisRateLimiter } from '../../lib/rate-limit/redis/redis-rate-limiter.js';

const [redisUrl, stream, smscPort, name, perSecond] = process.argv.slice(2);
const queue = new RedisOutboundQueue({ connection: redisUrl, stream, consumer: name, blockMs: 200 });
const limiter =
  Number(perSecond) > 0
    ? new RedisRateLimiter({ connection: redisUrl, account: 'bench', perSecond: Number(perSecond) })
    : undefined;
const client = new SmppClient(
  {
    name,
    host: '127.0.0.1',
    port: Number(smscPort),
    systemId: 'bench',
    password: 'pw',
    windowSize: 100,
    logLevel: 'error',
  },
  { queue, ...(limiter ? { rateLimiter: limiter } : {}) },
);
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await client.stop({ drainTimeoutMs: 2_000 });
    await queue.close();
    await limiter?.close();
    process.send?.({ type: 'stopped' });
    process.exit(0);
  })();
});
await client.start();
await client.waitUntilBound(10_000);
process.send?.({ type: 'ready' });
