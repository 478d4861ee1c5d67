import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { RabbitMqOutboundQueue } from '../../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import type { RabbitMqOutboundQueueOptions } from '../../../lib/queue/rabbitmq/rabbitmq-outbound-queue-options.interface.js';
import { startRabbitMqServer, type RabbitMqTestServer } from '../../support/rabbitmq-server.js';

/** A throwaway broker for one spec file, an admin channel on it, and queues closed after each test. */
export interface RabbitMqFixture {
  readonly server: RabbitMqTestServer;
  /** A plain amqplib channel: what a producer or an operator in another language sees. */
  readonly channel: amqp.Channel;
  /** A fresh queue name. */
  queueName(): string;
  /** A queue on the broker (a fresh name unless `options.queue`), closed after the test. */
  queue(options?: RabbitMqOutboundQueueOptions): RabbitMqOutboundQueue;
}

/** Starts a broker before the spec's tests and stops it after them; queues made with `queue()` close after each test. */
export function useRabbitMqFixture(prefix: string): RabbitMqFixture {
  let server: RabbitMqTestServer | undefined;
  let admin: amqp.ChannelModel | undefined;
  let channel: amqp.Channel | undefined;
  const opened: RabbitMqOutboundQueue[] = [];

  beforeAll(async () => {
    server = await startRabbitMqServer();
    admin = await amqp.connect(server.url);
    channel = await admin.createChannel();
  }, 90_000);

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
  });

  afterAll(async () => {
    await admin?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  const queueName = (): string => `${prefix}.${randomBytes(4).toString('hex')}`;
  return {
    get server() {
      if (!server) throw new Error('the broker is not started yet (use it inside a test)');
      return server;
    },
    get channel() {
      if (!channel) throw new Error('the broker is not started yet (use it inside a test)');
      return channel;
    },
    queueName,
    queue(options = {}) {
      const q = new RabbitMqOutboundQueue({
        url: this.server.url,
        queue: queueName(),
        reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
        ...options,
      });
      opened.push(q);
      return q;
    },
  };
}
