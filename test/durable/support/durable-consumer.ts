/**
 * A replica of an app in its own process: an SmppClient fed by a durable queue, sending to the simulator the
 * parent test runs. The parent kills it (SIGKILL) to prove the queue loses nothing.
 *
 * Configuration comes from the environment (NAZ_TEST_*), progress goes to the parent over IPC.
 */
import { SmppClient } from '../../../lib/client/smpp-client.js';
import { RedisCorrelator } from '../../../lib/correlation/redis/redis-correlator.js';
import type { OutboundQueue } from '../../../lib/queue/outbound-queue.interface.js';
import { RabbitMqOutboundQueue } from '../../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import { RedisOutboundQueue } from '../../../lib/queue/redis/redis-outbound-queue.js';

const env = (name: string): string => {
  const value = process.env[`NAZ_TEST_${name}`];
  if (value === undefined) throw new Error(`NAZ_TEST_${name} is not set`);
  return value;
};

const send = (message: Record<string, unknown>): void => {
  process.send?.(message);
};

const broker = env('BROKER');
const queueName = env('QUEUE');
const queue: OutboundQueue =
  broker === 'redis'
    ? new RedisOutboundQueue({
        connection: env('BROKER_URL'),
        stream: queueName,
        claimIdleMs: Number(env('CLAIM_IDLE_MS')),
        blockMs: 500,
        // A stable name (a pod name) makes a restarted replica take back its own pending entries.
        ...(process.env.NAZ_TEST_CONSUMER ? { consumer: process.env.NAZ_TEST_CONSUMER } : {}),
      })
    : new RabbitMqOutboundQueue({
        url: env('BROKER_URL'),
        queue: queueName,
        reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
      });
const correlator = process.env.NAZ_TEST_REDIS_URL
  ? new RedisCorrelator({ connection: process.env.NAZ_TEST_REDIS_URL, keyPrefix: `${queueName}:corr:` })
  : undefined;

const client = new SmppClient(
  {
    name: env('NAME'),
    host: '127.0.0.1',
    port: Number(env('SMSC_PORT')),
    systemId: process.env.NAZ_TEST_SYSTEM_ID ?? 'durable',
    password: 'secret',
    windowSize: Number(process.env.NAZ_TEST_WINDOW ?? 20),
    logLevel: 'warn',
    defaults: { from: 'NAZ', registeredDelivery: process.env.NAZ_TEST_RECEIPTS === '1' },
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  },
  { queue, correlator },
);

client.on('submitted', (event) => {
  if (process.env.NAZ_TEST_REPORT_SUBMITTED === '1')
    send({ type: 'submitted', correlationId: event.correlationId });
});

client.on('failed', (event) => {
  if (process.env.NAZ_TEST_REPORT_SUBMITTED === '1')
    send({ type: 'failed', correlationId: event.correlationId, reason: event.reason });
});

client.on('deliveryReceipt', (event) => {
  send({ type: 'receipt', correlationId: event.correlationId, messageId: event.receipt.messageId });
});

process.on('message', (message: { type?: string }) => {
  if (message.type === 'health') {
    void queue.health?.().then((health) => send({ type: 'health', health }));
    return;
  }
  if (message.type !== 'stop') return;
  void (async () => {
    await client.stop({ drainTimeoutMs: 5_000 });
    await queue.close?.();
    await correlator?.close();
    send({ type: 'stopped', stats: client.stats() });
    process.exit(0);
  })();
});

await client.start();
await client.waitUntilBound(10_000);
send({ type: 'ready' });
