import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { createOtelTracing } from '../../lib/tracing/create-otel-tracing.js';
import { PASSWORD, SYSTEM_ID, startClient, startSimulator, until } from '../client/client-test-helpers.js';
import { allAttributeText, inMemoryTracing, spansNamed } from './tracing-test-helpers.js';

const TEXT = 'Your one-time code is 918273';

describe('OpenTelemetry spans of a message sent through SmppClient', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  const { provider, exporter } = inMemoryTracing();

  beforeAll(async () => {
    // Every 2nd submit is throttled: the second message needs two attempts.
    sim = await startSimulator({ receipts: { delayMs: 0 }, faults: { throttleEveryNth: 2 } });
    const tracing = await createOtelTracing({ tracerProvider: provider });
    client = await startClient(sim, {}, { tracing });
    await client.waitUntilBound();
    await client.send({ to: '447700900001', text: TEXT, correlationId: 'm1', registeredDelivery: true });
    await client.send({ to: '447700900002', text: TEXT, correlationId: 'm2', registeredDelivery: true });
    await until(() => spansNamed(exporter, 'receipt smpp').length === 2, 10_000, 'two receipt spans');
  });

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
    await provider.shutdown();
  });

  function spansOf(correlationId: string) {
    const send = spansNamed(exporter, 'send smpp').find(
      (s) => s.attributes['messaging.message.conversation_id'] === correlationId,
    )!;
    const process = spansNamed(exporter, 'process smpp').find(
      (s) => s.attributes['messaging.message.conversation_id'] === correlationId,
    )!;
    const submits = spansNamed(exporter, 'submit_sm').filter(
      (s) => s.attributes['messaging.message.conversation_id'] === correlationId,
    );
    const receipt = spansNamed(exporter, 'receipt smpp').find(
      (s) => s.attributes['messaging.message.conversation_id'] === correlationId,
    )!;
    return { send, process, submits, receipt };
  }

  it('puts send → process → submit_sm and the receipt in one trace, with the parentage of each', () => {
    const { send, process, submits, receipt } = spansOf('m1');
    expect(send.kind).toBe(SpanKind.PRODUCER);
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(receipt.kind).toBe(SpanKind.CONSUMER);
    const traceId = send.spanContext().traceId;
    for (const span of [process, ...submits, receipt]) expect(span.spanContext().traceId).toBe(traceId);
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(submits).toHaveLength(1);
    expect(submits[0].kind).toBe(SpanKind.CLIENT);
    expect(submits[0].parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(receipt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  });

  it('names each attempt with its command_status and marks the outcome on the process span', () => {
    const { submits, process, receipt } = spansOf('m1');
    const messageId = submits[0].attributes['smpp.message_id'];
    expect(typeof messageId).toBe('string');
    expect(submits[0].attributes).toMatchObject({
      'messaging.system': 'smpp',
      'messaging.operation': 'publish',
      'messaging.message.id': messageId,
      'smpp.command': 'submit_sm',
      'smpp.command_status': 'ESME_ROK',
      'smpp.system_id': SYSTEM_ID,
      'smpp.part.index': 1,
      'smpp.part.count': 1,
    });
    expect(submits[0].status.code).not.toBe(SpanStatusCode.ERROR);
    expect(process.attributes).toMatchObject({
      'smpp.outcome': 'submitted',
      'smpp.attempts': 1,
      'smpp.message_ids': [messageId],
    });
    expect(process.status.code).toBe(SpanStatusCode.OK);
    expect(receipt.attributes).toMatchObject({
      'smpp.message_id': messageId,
      'smpp.receipt.state': 'DELIVRD',
      'smpp.command': 'deliver_sm',
    });
  });

  it('records a throttled attempt as an error span and the retry as an event', () => {
    const { submits, process } = spansOf('m2');
    expect(submits.map((s) => s.attributes['smpp.command_status'])).toEqual(['ESME_RTHROTTLED', 'ESME_ROK']);
    expect(submits[0].status).toMatchObject({ code: SpanStatusCode.ERROR });
    for (const span of submits) expect(span.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(process.events.map((e) => e.name)).toEqual(['retry']);
    expect(process.events[0].attributes).toMatchObject({
      'smpp.attempt': 1,
      'smpp.reason': 'ESME_RTHROTTLED',
    });
    // A throttled resubmission is not an attempt (retry.maxThrottledAttempts), but it is a submit_sm sent.
    expect(process.attributes).toMatchObject({
      'smpp.outcome': 'submitted',
      'smpp.attempts': 1,
      'smpp.submit_sm.count': 2,
    });
  });

  it('traces the bind too, and never records the password or the message text', () => {
    const spans = exporter.getFinishedSpans();
    expect(spans.some((s) => s.name.startsWith('bind_'))).toBe(true);
    expect(spans.some((s) => s.name === 'enquire_link')).toBe(false);
    const text = allAttributeText(spans);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('918273');
  });
});

describe('opt-in text capture and failures', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  const { provider, exporter } = inMemoryTracing();

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
    await provider.shutdown();
  });

  it('adds the text to the send span with captureText, and ends a failed message in error', async () => {
    // Every submit answered ESME_RMSGQFUL, retried up to the limit, then failed for good.
    sim = await startSimulator({ faults: { queueFullEveryNth: 1 } });
    const tracing = await createOtelTracing({ tracerProvider: provider, captureText: true });
    client = await startClient(
      sim,
      { retry: { maxThrottledAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 } },
      {
        tracing,
      },
    );
    const failed = new Promise((resolve) => client.once('failed', resolve));
    await client.send({ to: '447700900003', text: TEXT, correlationId: 'f1' });
    await failed;
    await until(() => spansNamed(exporter, 'process smpp').length === 1, 5000, 'the process span');

    expect(spansNamed(exporter, 'send smpp')[0].attributes['smpp.message.text']).toBe(TEXT);
    const process = spansNamed(exporter, 'process smpp')[0];
    expect(process.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'ESME_RMSGQFUL' });
    expect(process.attributes).toMatchObject({
      'smpp.outcome': 'failed',
      'smpp.reason': 'ESME_RMSGQFUL',
      'smpp.command_status': 'ESME_RMSGQFUL',
      'smpp.attempts': 2,
    });
    const attempts = spansNamed(exporter, 'submit_sm');
    expect(attempts).toHaveLength(2);
    expect(attempts.every((s) => s.status.code === SpanStatusCode.ERROR)).toBe(true);
  });
});
