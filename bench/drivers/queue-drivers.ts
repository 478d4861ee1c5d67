import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { OutboundQueue } from '../../lib/queue/outbound-queue.interface.js';
import { RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/index.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/index.js';
import type { Driver, RunSpec } from './driver.interface.js';
import { nazEngineDriver } from './naz-engine.driver.js';
import type { RunResult } from '../support/run-result.js';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const AMQP_URL = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Whether something listens at `url`'s host and port (a broker left running on this machine, say). */
function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || defaultPort), hostname);
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * End to end through a durable queue: `send()` persists to the broker, the send loop reads it back, submits,
 * and acknowledges after the SMSC's answer. A fresh stream/queue name per run.
 */
function durableDriver(makeQueue: () => OutboundQueue & { close(): Promise<void> }): Driver {
  return (spec: RunSpec): Promise<RunResult> => nazEngineDriver(spec, makeQueue());
}

/** End to end through a Redis Streams queue (a fresh stream per run). */
export const redisQueueDriver: Driver = durableDriver(
  () => new RedisOutboundQueue({ connection: REDIS_URL, stream: `bench:${randomBytes(4).toString('hex')}` }),
);

/** End to end through a RabbitMQ queue (a fresh queue per run, prefetch tied to the window). */
export const rabbitMqQueueDriver: Driver = durableDriver(
  () =>
    new RabbitMqOutboundQueue({
      url: AMQP_URL,
      queue: `bench.${randomBytes(4).toString('hex')}`,
      prefetch: 'auto',
    }),
);

/** The durable-queue drivers whose broker is reachable now. */
export async function reachableQueueDrivers(): Promise<Array<'redis' | 'rabbitmq'>> {
  const found: Array<'redis' | 'rabbitmq'> = [];
  if (await reachable(REDIS_URL, 6379)) found.push('redis');
  if (await reachable(AMQP_URL, 5672)) found.push('rabbitmq');
  return found;
}
