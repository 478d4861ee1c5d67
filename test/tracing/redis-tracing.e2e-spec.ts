import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SmppClient } from '../../lib/client/smpp-client.js';
import { RedisCorrelator } from '../../lib/correlation/redis/redis-correlator.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { createOtelTracing } from '../../lib/tracing/create-otel-tracing.js';
import { CapturingLogger, clientOptions, startSimulator, until } from '../client/client-test-helpers.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { inMemoryTracing, spansNamed } from './tracing-test-helpers.js';

/**
 * Three replicas that share nothing but Redis and the SMSC account, each with its own tracer provider: A only
 * queues, B takes the message from the stream and submits it, C gets the receipt (the simulator routes
 * receipts to another session of the account) and finds the message through the RedisCorrelator.
 */
describe('one trace across replicas through a Redis stream and the RedisCorrelator', () => {
  let redis: RedisTestServer;
  let sim: SmscSimulator;
  const closers: Array<() => Promise<unknown>> = [];
  const a = inMemoryTracing();
  const b = inMemoryTracing();
  const c = inMemoryTracing();

  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startSimulator({ receipts: { delayMs: 0, route: 'other' } });
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await sim?.stop();
    await redis?.stop();
  });

  function replica(
    name: string,
    tracerProvider: (typeof a)['provider'],
    stream: string,
  ): Promise<SmppClient> {
    const queue = new RedisOutboundQueue({ connection: redis.url, stream, consumer: name });
    const correlator = new RedisCorrelator({ connection: redis.url, keyPrefix: 'trace-test:' });
    return createOtelTracing({ tracerProvider }).then((tracing) => {
      const client = new SmppClient(clientOptions(sim, { name }), {
        queue,
        correlator,
        tracing,
        logger: new CapturingLogger(),
      });
      closers.push(
        () => queue.close(),
        () => correlator.close(),
      );
      return client;
    });
  }

  it('continues the send span of replica A in the submit of replica B and the receipt on replica C', async () => {
    const producer = await replica('a', a.provider, 'naz:traced');
    const consumer = await replica('b', b.provider, 'naz:traced');
    // C consumes another (empty) stream: it only receives receipts.
    const receiver = await replica('c', c.provider, 'naz:idle');
    await receiver.start();
    await receiver.waitUntilBound();
    closers.push(() => receiver.stop({ drainTimeoutMs: 100 }));
    const receipts: string[] = [];
    receiver.on('deliveryReceipt', (e) => receipts.push(e.correlationId ?? '?'));

    await producer.send({ to: '447700900009', text: 'hello', correlationId: 'x1', registeredDelivery: true });
    expect(spansNamed(a.exporter, 'send smpp')).toHaveLength(1);

    await consumer.start();
    closers.push(() => consumer.stop({ drainTimeoutMs: 100 }));
    await until(() => receipts.length === 1, 15_000, 'the receipt on replica C');
    await until(() => spansNamed(c.exporter, 'receipt smpp').length === 1, 5000, 'the receipt span');

    const send = spansNamed(a.exporter, 'send smpp')[0];
    const [process] = spansNamed(b.exporter, 'process smpp');
    const [submit] = spansNamed(b.exporter, 'submit_sm');
    const [receipt] = spansNamed(c.exporter, 'receipt smpp');
    const traceId = send.spanContext().traceId;
    expect(receipts).toEqual(['x1']);
    expect(process.spanContext().traceId).toBe(traceId);
    expect(process.parentSpanContext).toMatchObject({ spanId: send.spanContext().spanId, isRemote: true });
    expect(submit.spanContext().traceId).toBe(traceId);
    expect(submit.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(receipt.spanContext().traceId).toBe(traceId);
    expect(receipt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(receipt.attributes).toMatchObject({
      'smpp.message_id': submit.attributes['smpp.message_id'],
      'messaging.message.conversation_id': 'x1',
    });
  }, 30_000);
});
