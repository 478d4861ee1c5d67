import { afterAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SubmittedEvent } from '../../lib/client/client-events.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { createOtelTracing } from '../../lib/tracing/create-otel-tracing.js';
import { startClient, startSimulator, until } from '../client/client-test-helpers.js';
import { inMemoryTracing, spansNamed } from './tracing-test-helpers.js';

describe('tracing with the global tracer provider', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  const { provider, exporter } = inMemoryTracing();

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
    trace.disable();
    await provider.shutdown();
  });

  it('stays out of the way until an SDK registers a provider, then traces the messages that follow', async () => {
    sim = await startSimulator();
    client = await startClient(sim, {}, { tracing: await createOtelTracing() });
    const submitted = new Map<string, SubmittedEvent>();
    client.on('submitted', (e) => submitted.set(e.correlationId, e));

    await client.send({
      to: '447700900001',
      text: 'before',
      correlationId: 'before',
      metadata: { tenant: 't1' },
    });
    await until(() => submitted.has('before'), 5000, 'the first message');
    // No provider: the API's no-op tracer. The message went untouched (no trace context).
    expect(submitted.get('before')?.metadata).toEqual({ tenant: 't1' });
    expect(submitted.get('before')?.trace).toBeUndefined();

    trace.setGlobalTracerProvider(provider);
    let n = 0;
    // The tracing looks for a provider again at most every 250 ms: send until it has found this one.
    await until(
      () => {
        if (spansNamed(exporter, 'send smpp').length > 0) return true;
        void client.send({ to: '447700900001', text: 'probe', correlationId: `probe-${n++}` });
        return false;
      },
      5000,
      'the first traced send',
    );
    await client.send({
      to: '447700900001',
      text: 'after',
      correlationId: 'after',
      metadata: { tenant: 't1' },
    });
    await until(
      () =>
        spansNamed(exporter, 'process smpp').some(
          (s) => s.attributes['messaging.message.conversation_id'] === 'after',
        ),
      5000,
      'the process span of the traced message',
    );
    const of = (name: string) =>
      spansNamed(exporter, name).find((s) => s.attributes['messaging.message.conversation_id'] === 'after')!;
    const send = of('send smpp');
    const process = of('process smpp');
    const submit = of('submit_sm');
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(submit.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    // The trace context has its own field; the application's metadata is left as it gave it.
    expect(submitted.get('after')?.metadata).toEqual({ tenant: 't1' });
    expect(submitted.get('after')?.trace).toEqual({
      traceparent: `00-${send.spanContext().traceId}-${send.spanContext().spanId}-01`,
    });
  });
});
