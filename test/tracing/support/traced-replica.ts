/**
 * A replica in its own OS process: an SmppClient with its own tracer provider, fed by a Redis stream, sending to
 * the simulator the parent test runs and finding receipts through the RedisCorrelator. Its finished spans (kept
 * by the SDK's in-memory exporter) go to the parent over IPC when asked.
 *
 * Configuration comes from the environment (NAZ_TEST_*).
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { SmppClient } from '../../../lib/client/smpp-client.js';
import { RedisCorrelator } from '../../../lib/correlation/redis/redis-correlator.js';
import { RedisOutboundQueue } from '../../../lib/queue/redis/redis-outbound-queue.js';
import { createOtelTracing } from '../../../lib/tracing/create-otel-tracing.js';
import { toSpanRecord } from './span-record.js';

/** What the parent asks, and what this process answers. */
export type TracedReplicaRequest = { type: 'spans' } | { type: 'stop' };
export type TracedReplicaReport =
  | { type: 'ready' }
  | {
      type: 'receipt';
      correlationId?: string;
      messageId: string;
      metadata?: Record<string, unknown>;
      traceparent?: string;
    }
  | { type: 'spans'; spans: ReturnType<typeof toSpanRecord>[] }
  | { type: 'stopped' };

const env = (name: string): string => {
  const value = process.env[`NAZ_TEST_${name}`];
  if (value === undefined) throw new Error(`NAZ_TEST_${name} is not set`);
  return value;
};
const report = (message: TracedReplicaReport): void => void process.send?.(message);

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const queue = new RedisOutboundQueue({
  connection: env('REDIS_URL'),
  stream: env('STREAM'),
  consumer: env('NAME'),
  blockMs: 200,
});
const correlator = new RedisCorrelator({
  connection: env('REDIS_URL'),
  keyPrefix: env('CORRELATION_PREFIX'),
});
const client = new SmppClient(
  {
    name: env('NAME'),
    host: '127.0.0.1',
    port: Number(env('SMSC_PORT')),
    systemId: env('SYSTEM_ID'),
    password: env('PASSWORD'),
    logLevel: 'warn',
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  },
  { queue, correlator, tracing: await createOtelTracing({ tracerProvider: provider }) },
);

client.on('deliveryReceipt', (event) =>
  report({
    type: 'receipt',
    correlationId: event.correlationId,
    messageId: event.receipt.messageId,
    metadata: event.metadata,
    traceparent: event.trace?.traceparent,
  }),
);

process.on('message', (request: TracedReplicaRequest) => {
  if (request.type === 'spans') {
    report({ type: 'spans', spans: exporter.getFinishedSpans().map((span) => toSpanRecord(span)) });
    return;
  }
  void (async () => {
    await client.stop({ drainTimeoutMs: 2_000 });
    await correlator.close();
    await provider.shutdown();
    report({ type: 'stopped' });
    process.exit(0);
  })();
});

await client.start();
await client.waitUntilBound(10_000);
report({ type: 'ready' });
