/**
 * One trace across OS processes, with nothing shared but Redis and the SMSC account: a Nest app in this (Jest)
 * process sends through `SmppClientService` into a Redis stream; a worker replica in a child process, with a
 * tracer provider of its own, takes the message, submits it to the simulator and ships its finished spans back
 * over IPC. Both use the SDK's in-memory exporter.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DeliveryReceiptEvent } from '../../lib/client/client-events.interface.js';
import { RedisCorrelator } from '../../lib/correlation/redis/redis-correlator.js';
import { NAZ_CORRELATOR, NAZ_OUTBOUND_QUEUE, NazModule, SmppClientService } from '../../lib/nest/index.js';
import type { OutboundQueue } from '../../lib/queue/outbound-queue.interface.js';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { SmscSimulator, type SmscSimulatorOptions } from '../../lib/simulator/index.js';
import { waitFor } from '../nest/helpers.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { toSpanRecord, type SpanRecord } from './support/span-record.js';
import { startTracedReplica, type TracedReplicaProcess } from './support/traced-replica-process.js';
import { inMemoryTracing } from './tracing-test-helpers.js';

const SYSTEM_ID = 'tracer';
const PASSWORD = 'pw7d1e93';
// Two parts in GSM 03.38 (more than 160 characters): one submit_sm per part.
const TEXT = `Your one-time code is 918273. ${'Do not share it with anyone. '.repeat(6)}`;

/**
 * The API replica only enqueues: its view of the stream hands nothing out, so the worker process is the one
 * that submits (two consumers of one stream would race for the entry, and the test could not say which
 * process sent it). Enqueue and close are the real Redis queue's.
 */
function producerOnly(queue: RedisOutboundQueue): OutboundQueue {
  return {
    enqueue: (message) => queue.enqueue(message),
    receive: (_max, signal) =>
      new Promise((resolve) => {
        if (signal.aborted) resolve([]);
        else signal.addEventListener('abort', () => resolve([]), { once: true });
      }),
    close: () => queue.close(),
  };
}

/** Every span of the trace, by name, from every process. */
function byName(spans: readonly SpanRecord[], name: string): SpanRecord[] {
  return spans.filter((span) => span.name === name);
}

/** Fails if any span, attribute or event of either process carries the password or the message text. */
function expectNoSecrets(spans: readonly SpanRecord[]): void {
  const text = JSON.stringify(spans);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain('918273');
}

describe('one trace across two OS processes: a Nest app queues into Redis, a worker process submits', () => {
  let redis: RedisTestServer;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await redis?.stop();
  });

  async function simulator(options: SmscSimulatorOptions): Promise<SmscSimulator> {
    const sim = await SmscSimulator.start({
      port: 0,
      credentials: [{ system_id: SYSTEM_ID, password: PASSWORD }],
      ...options,
    });
    cleanups.push(() => sim.stop());
    return sim;
  }

  /** The Nest app of this process: traced, bound to the simulator, queueing into `stream`. */
  async function apiApp(sim: SmscSimulator, stream: string, correlationPrefix: string) {
    const tracing = inMemoryTracing();
    // Provided as values, so this test closes them: the app does not own what it was given.
    const queue = new RedisOutboundQueue({ connection: redis.url, stream, blockMs: 200 });
    const correlator = new RedisCorrelator({ connection: redis.url, keyPrefix: correlationPrefix });
    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({
          host: sim.host,
          port: sim.port,
          systemId: SYSTEM_ID,
          password: PASSWORD,
          logLevel: 'error',
          metrics: false,
          reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
          tracing: { tracerProvider: tracing.provider },
          extraProviders: [
            { provide: NAZ_OUTBOUND_QUEUE, useValue: producerOnly(queue) },
            { provide: NAZ_CORRELATOR, useValue: correlator },
          ],
        }),
      ],
    }).compile();
    await moduleRef.init();
    cleanups.push(async () => {
      await moduleRef.close();
      await queue.close();
      await correlator.close();
      await tracing.provider.shutdown();
    });
    const smpp = moduleRef.get(SmppClientService);
    await smpp.client.waitUntilBound(10_000);
    const receipts: DeliveryReceiptEvent[] = [];
    smpp.client.on('deliveryReceipt', (event) => receipts.push(event));
    const spans = (): SpanRecord[] =>
      tracing.exporter.getFinishedSpans().map((span: ReadableSpan) => toSpanRecord(span));
    return { smpp, receipts, spans };
  }

  async function worker(sim: SmscSimulator, stream: string, correlationPrefix: string) {
    const replica: TracedReplicaProcess = startTracedReplica({
      NAME: `worker-${stream}`,
      REDIS_URL: redis.url,
      STREAM: stream,
      CORRELATION_PREFIX: correlationPrefix,
      SMSC_PORT: String(sim.port),
      SYSTEM_ID,
      PASSWORD,
    });
    cleanups.push(() => replica.stop());
    await replica.ready;
    return replica;
  }

  it('send (Nest app) → process → submit_sm per part and attempt → receipts (worker process)', async () => {
    // The second submit_sm is throttled: one part needs a second attempt.
    const sim = await simulator({ receipts: { delayMs: 0 }, faults: { throttleEveryNth: 2 } });
    const api = await apiApp(sim, 'traced:one', 'traced:one:corr:');
    const replica = await worker(sim, 'traced:one', 'traced:one:corr:');

    const { correlationId } = await api.smpp.send({
      to: '447700900001',
      text: TEXT,
      correlationId: 'order-1',
      metadata: { tenant: 't1' },
      registeredDelivery: true,
    });
    await waitFor(() => replica.receipts.length === 2, 'the receipt of each part in the worker', 20_000);
    let workerSpans: SpanRecord[] = [];
    await waitFor(
      async () => byName((workerSpans = await replica.spans()), 'receipt smpp').length === 2,
      'the worker’s receipt spans',
      10_000,
    );

    expect(correlationId).toBe('order-1');
    expect(replica.receipts.map((r) => r.correlationId)).toEqual(['order-1', 'order-1']);
    // The trace context crossed in the envelope's own field: the metadata arrived as the app gave it.
    expect(replica.receipts.map((r) => r.metadata)).toEqual([{ tenant: 't1' }, { tenant: 't1' }]);
    const apiSpans = api.spans();
    const [send] = byName(apiSpans, 'send smpp');
    expect(send).toMatchObject({ kind: SpanKind.PRODUCER, pid: process.pid });
    const traceId = send.traceId;
    const trace = [...apiSpans, ...workerSpans].filter((span) => span.traceId === traceId);
    expect(replica.receipts.map((r) => r.traceparent)).toEqual([
      `00-${traceId}-${send.spanId}-01`,
      `00-${traceId}-${send.spanId}-01`,
    ]);

    // The worker, another OS process, continued the trace the Nest app started.
    const [processing] = byName(trace, 'process smpp');
    expect(processing).toMatchObject({
      kind: SpanKind.CONSUMER,
      parentSpanId: send.spanId,
      pid: replica.child.pid,
      status: { code: SpanStatusCode.OK },
    });
    expect(processing.attributes).toMatchObject({
      'smpp.outcome': 'submitted',
      'smpp.part.count': 2,
      'messaging.message.conversation_id': 'order-1',
    });
    expect(processing.events.map((event) => event.name)).toEqual(['retry']);

    const submits = byName(trace, 'submit_sm');
    expect(submits).toHaveLength(3);
    for (const submit of submits) {
      expect(submit).toMatchObject({ kind: SpanKind.CLIENT, parentSpanId: processing.spanId });
      expect(submit.pid).toBe(replica.child.pid);
    }
    const statuses = submits.map((s) => s.attributes['smpp.command_status']).sort();
    expect(statuses).toEqual(['ESME_ROK', 'ESME_ROK', 'ESME_RTHROTTLED']);
    const accepted = submits.filter((s) => s.attributes['smpp.command_status'] === 'ESME_ROK');
    expect(accepted.map((s) => s.attributes['smpp.part.index']).sort()).toEqual([1, 2]);

    // Each part's receipt, minutes later in real life, is a child of the send span in the same trace.
    const receipts = byName(trace, 'receipt smpp');
    expect(receipts).toHaveLength(2);
    for (const receipt of receipts) {
      expect(receipt).toMatchObject({ kind: SpanKind.CONSUMER, parentSpanId: send.spanId });
      expect(receipt.pid).toBe(replica.child.pid);
    }
    expect(receipts.map((r) => r.attributes['smpp.message_id']).sort()).toEqual(
      accepted.map((s) => s.attributes['smpp.message_id']).sort(),
    );
    // Nothing of this message started a trace of its own in either process.
    const stray = [...apiSpans, ...workerSpans].filter(
      (span) =>
        span.attributes['messaging.message.conversation_id'] === 'order-1' && span.traceId !== traceId,
    );
    expect(stray).toEqual([]);
    expectNoSecrets([...apiSpans, ...workerSpans]);
  }, 60_000);

  it('the receipt of a message the worker submitted, arriving at the Nest app, rejoins the trace through the RedisCorrelator', async () => {
    // Receipts go to another bound session of the account: the Nest app's, which never saw the submit.
    const sim = await simulator({ receipts: { delayMs: 0, route: 'other' } });
    const api = await apiApp(sim, 'traced:two', 'traced:two:corr:');
    const replica = await worker(sim, 'traced:two', 'traced:two:corr:');

    await api.smpp.send({
      to: '447700900002',
      text: 'Code 918273',
      correlationId: 'order-2',
      registeredDelivery: true,
    });
    await waitFor(() => api.receipts.length === 1, 'the receipt at the Nest app', 20_000);
    await waitFor(() => byName(api.spans(), 'receipt smpp').length === 1, 'its receipt span', 5_000);
    let workerSpans: SpanRecord[] = [];
    await waitFor(
      async () => byName((workerSpans = await replica.spans()), 'process smpp').length === 1,
      'the worker’s process span',
      10_000,
    );

    const apiSpans = api.spans();
    const [send] = byName(apiSpans, 'send smpp');
    const [processing] = byName(workerSpans, 'process smpp');
    const [submit] = byName(workerSpans, 'submit_sm');
    const [receipt] = byName(apiSpans, 'receipt smpp');
    expect(replica.receipts).toEqual([]);
    expect(api.receipts[0]).toMatchObject({ correlationId: 'order-2' });
    expect(api.receipts[0].trace?.traceparent).toBe(`00-${send.traceId}-${send.spanId}-01`);
    for (const span of [processing, submit, receipt]) expect(span.traceId).toBe(send.traceId);
    expect(processing).toMatchObject({ parentSpanId: send.spanId, pid: replica.child.pid });
    expect(submit).toMatchObject({ parentSpanId: processing.spanId, pid: replica.child.pid });
    expect(receipt).toMatchObject({ parentSpanId: send.spanId, pid: process.pid });
    expect(receipt.attributes).toMatchObject({
      'smpp.message_id': submit.attributes['smpp.message_id'],
      'messaging.message.conversation_id': 'order-2',
      'smpp.receipt.state': 'DELIVRD',
    });
    expectNoSecrets([...apiSpans, ...workerSpans]);
  }, 60_000);
});
