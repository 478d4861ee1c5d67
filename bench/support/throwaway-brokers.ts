import { startRabbitMqServer, type RabbitMqTestServer } from '../../test/support/rabbitmq-server.js';
import { startRedisServer, type RedisTestServer } from '../../test/support/redis-server.js';

/** The brokers the queues scenario runs against, and how to stop the ones it started. */
export interface BenchBrokers {
  readonly redisUrl?: string;
  readonly amqpUrl?: string;
  stop(): Promise<void>;
}

/**
 * A throwaway `redis-server` and RabbitMQ node on free ports for the queues scenario, so a figure never depends
 * on a broker the machine happens to run (or its settings). `BENCH_REDIS_URL` / `BENCH_AMQP_URL` point the bench
 * at a broker of your own instead. A broker that is not installed is reported and left out.
 */
export async function startBenchBrokers(): Promise<BenchBrokers> {
  const started: Array<RedisTestServer | RabbitMqTestServer> = [];
  const start = async <T extends RedisTestServer | RabbitMqTestServer>(
    name: string,
    launch: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      const server = await launch();
      started.push(server);
      return server;
    } catch (error) {
      console.error(`queues: could not start a throwaway ${name} (${(error as Error).message}); left out`);
      return undefined;
    }
  };
  const redisUrl =
    process.env.BENCH_REDIS_URL ?? (await start('redis-server', () => startRedisServer()))?.url;
  const amqpUrl = process.env.BENCH_AMQP_URL ?? (await start('RabbitMQ node', startRabbitMqServer))?.url;
  return {
    redisUrl,
    amqpUrl,
    stop: async () => {
      await Promise.all(started.map((server) => server.stop()));
    },
  };
}
