import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';
import type { LoadedQueue } from './load-queue.js';

/** A built-in adapter's options that are wrong; `path` is the config key (`queue.blockMs`). */
export class AdapterOptionsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdapterOptionsError';
  }
}

/**
 * Config keys each adapter takes from JSON (its options interface minus what only code can pass: `client`,
 * `connect`, `logger`). Checked so a typo is an error, not a silently ignored key.
 */
const ADAPTER_KEYS: Record<'redis' | 'rabbitmq', readonly string[]> = {
  redis: [
    'connection',
    'stream',
    'group',
    'consumer',
    'deadLetterStream',
    'deadLetterRejected',
    'delayedKey',
    'importListKey',
    'maxLength',
    'deadLetterMaxLength',
    'claimIdleMs',
    'maxDeliveries',
    'blockMs',
    'promoteBatch',
    'deleteIdleConsumersAfterMs',
  ],
  rabbitmq: [
    'url',
    'socketOptions',
    'queue',
    'deadLetterQueue',
    'deadLetterRejected',
    'retryQueuePrefix',
    'prefetch',
    'maxLength',
    'queueArguments',
    'enqueueTimeoutMs',
    'releaseAfterMs',
    'packMessages',
    'reconnect',
  ],
};

/**
 * Builds the Redis or RabbitMQ adapter for `queue: { "type": "redis" | "rabbitmq", ...options }`.
 *
 * @remarks
 * The adapter modules are imported lazily so `ioredis` / `amqplib` are needed only by those who use them.
 * Both adapters connect on first use, so constructing one (also in a dry run) opens nothing; `connectQueue`
 * opens it when a command starts, to fail fast.
 *
 * @throws AdapterOptionsError for an unknown key or a value the adapter rejects.
 */
export async function loadBuiltInAdapter(
  type: 'redis' | 'rabbitmq',
  options: Record<string, unknown>,
  context: { dryRun: boolean; logger: NazLogger },
): Promise<LoadedQueue> {
  const allowed = ADAPTER_KEYS[type];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new AdapterOptionsError(
        `queue.${key}`,
        `not an option of the ${type} queue (options: ${allowed.join(', ')})`,
      );
    }
  }
  let queue: OutboundQueue;
  try {
    if (type === 'redis') {
      const { RedisOutboundQueue } = await import('../../queue/redis/index.js');
      queue = new RedisOutboundQueue({ ...options, logger: context.logger });
    } else {
      const { RabbitMqOutboundQueue } = await import('../../queue/rabbitmq/index.js');
      queue = new RabbitMqOutboundQueue({ ...options, logger: context.logger });
    }
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      // "RedisOutboundQueue blockMs must be > 0, got 0": point at the config key.
      const key = /Queue ([\w.]+) must/.exec(error.message)?.[1];
      throw new AdapterOptionsError(key ? `queue.${key}` : 'queue', error.message);
    }
    throw error;
  }
  const where =
    type === 'redis'
      ? describeRedis(options.connection)
      : typeof options.url === 'string'
        ? redactUrl(options.url)
        : 'amqp://localhost';
  return { queue, description: `${type} (${where})` };
}

function describeRedis(connection: unknown): string {
  if (typeof connection === 'string') return redactUrl(connection);
  if (connection && typeof connection === 'object') {
    const { host, port } = connection as { host?: unknown; port?: unknown };
    return `${String(host ?? 'localhost')}:${String(port ?? 6379)}`;
  }
  return 'localhost:6379';
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]+@/i, '$1***@');
}
