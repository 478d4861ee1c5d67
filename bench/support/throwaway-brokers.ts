import { startRabbitMqServer, type RabbitMqTestServer } from '../../test/support/rabbitmq-server.js';
import { startRedisServer, type RedisTestServer } from '../../test/support/redis-server.js';
import { beamPid, processCpuUs } from './process-cpu.js';

/** The brokers the queues scenario runs against, and how to stop the ones it started. */
export interface BenchBrokers {
  readonly redisUrl?: string;
  readonly amqpUrl?: string;
  /**
   * CPU time each broker this bench started has used so far, in microseconds (`/proc`); absent for a broker of
   * your own (`BENCH_REDIS_URL`, `BENCH_AMQP_URL`), whose process may not be on this machine.
   */
  readonly cpuUs: { redis?: () => number; rabbitmq?: () => number };
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
  const redis = process.env.BENCH_REDIS_URL
    ? undefined
    : await start('redis-server', () => startRedisServer());
  const rabbit = process.env.BENCH_AMQP_URL ? undefined : await start('RabbitMQ node', startRabbitMqServer);
  const beam = rabbit ? beamPid(rabbit.nodeName) : undefined;
  return {
    redisUrl: process.env.BENCH_REDIS_URL ?? redis?.url,
    amqpUrl: process.env.BENCH_AMQP_URL ?? rabbit?.url,
    cpuUs: {
      ...(redis ? { redis: () => (redis.pid === undefined ? NaN : processCpuUs(redis.pid)) } : {}),
      ...(beam !== undefined ? { rabbitmq: () => processCpuUs(beam) } : {}),
    },
    stop: async () => {
      await Promise.all(started.map((server) => server.stop()));
    },
  };
}
