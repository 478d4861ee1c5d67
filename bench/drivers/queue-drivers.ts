import { randomBytes } from 'node:crypto';
import type { OutboundQueue } from '../../lib/queue/outbound-queue.interface.js';
import { RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/index.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/index.js';
import type { Driver, RunSpec } from './driver.interface.js';
import { nazEngineDriver } from './naz-engine.driver.js';
import { BENCH_PACK_MESSAGES } from './rabbitmq-pack-setting.js';
import type { RunResult } from '../support/run-result.js';

/**
 * The brokers' addresses: `bench/run.ts` starts throwaway ones (`startBenchBrokers`) and passes them to each run's
 * child process in these variables.
 */
function brokerUrl(name: 'BENCH_REDIS_URL' | 'BENCH_AMQP_URL'): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: the queues scenario starts its own brokers (bench/run.ts)`);
  return url;
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
  () =>
    new RedisOutboundQueue({
      connection: brokerUrl('BENCH_REDIS_URL'),
      stream: `bench:${randomBytes(4).toString('hex')}`,
    }),
);

/**
 * End to end through a RabbitMQ queue (a fresh queue per run, prefetch tied to the window), each message its
 * own AMQP message (`packMessages` 1, the default), or with a turn's messages packed (`packMessages`).
 */
function rabbitMqDriver(packMessages: number): Driver {
  return durableDriver(
    () =>
      new RabbitMqOutboundQueue({
        url: brokerUrl('BENCH_AMQP_URL'),
        queue: `bench.${randomBytes(4).toString('hex')}`,
        prefetch: 'auto',
        packMessages,
      }),
  );
}

/** RabbitMQ with the defaults: one AMQP message per message. */
export const rabbitMqQueueDriver: Driver = rabbitMqDriver(1);

/** RabbitMQ with `packMessages: 100`: the messages `send()` is given in one turn share an AMQP message. */
export const rabbitMqPacksQueueDriver: Driver = rabbitMqDriver(BENCH_PACK_MESSAGES);
