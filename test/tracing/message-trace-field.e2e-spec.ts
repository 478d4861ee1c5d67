import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, context, trace, type Context, type ContextManager } from '@opentelemetry/api';
import type { DeliveryReceiptEvent, SubmittedEvent } from '../../lib/client/client-events.interface.js';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { HookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { createOtelTracing } from '../../lib/tracing/create-otel-tracing.js';
import { startClient, startSimulator, until } from '../client/client-test-helpers.js';
import { inMemoryTracing, spansNamed } from './tracing-test-helpers.js';

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

/**
 * The smallest context manager that makes `context.with` work for synchronous code: enough for `submit()`,
 * which reads the active context before its first await. (An app registers the SDK's AsyncLocalStorage one.)
 */
class StackContextManager implements ContextManager {
  private readonly stack: Context[] = [];
  active(): Context {
    return this.stack[this.stack.length - 1] ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack.length = 0;
    return this;
  }
}

describe('the message trace context: its own field, never the metadata', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  const { provider, exporter } = inMemoryTracing();
  const submitted = new Map<string, SubmittedEvent>();
  const receipts = new Map<string, DeliveryReceiptEvent>();
  const hookContexts: HookContext[] = [];

  beforeAll(async () => {
    context.setGlobalContextManager(new StackContextManager());
    sim = await startSimulator({ receipts: { delayMs: 0 } });
    const tracing = await createOtelTracing({ tracerProvider: provider });
    client = await startClient(
      sim,
      {},
      { tracing, hooks: { beforeRequest: (c) => void hookContexts.push(c) } },
    );
    await client.waitUntilBound();
    client.on('submitted', (e) => submitted.set(e.correlationId, e));
    client.on('deliveryReceipt', (e) => receipts.set(e.correlationId ?? '?', e));
  });

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
    await provider.shutdown();
    context.disable();
  });

  it('makes a trace named on the message the parent of send(), and keeps the metadata as the app gave it', async () => {
    const callerTrace = { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` };
    await client.send({
      to: '447700900001',
      text: 'hi',
      correlationId: 'relayed',
      metadata: { tenant: 't1' },
      registeredDelivery: true,
      trace: callerTrace,
    });
    await until(() => receipts.has('relayed'), 10_000, 'the receipt');
    await until(() => spansNamed(exporter, 'receipt smpp').length === 1, 5000, 'the receipt span');

    const [send] = spansNamed(exporter, 'send smpp');
    expect(send.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(send.parentSpanContext).toMatchObject({ spanId: CALLER_SPAN_ID, isRemote: true });
    const sendTrace = { traceparent: `00-${CALLER_TRACE_ID}-${send.spanContext().spanId}-01` };
    // The hooks, the outcome and the receipt see the message's trace; its metadata is the application's alone.
    expect(hookContexts.find((c) => c.correlationId === 'relayed')?.trace).toEqual(sendTrace);
    expect(submitted.get('relayed')).toMatchObject({ metadata: { tenant: 't1' }, trace: sendTrace });
    expect(submitted.get('relayed')?.metadata).toEqual({ tenant: 't1' });
    expect(receipts.get('relayed')?.metadata).toEqual({ tenant: 't1' });
    expect(receipts.get('relayed')?.trace).toEqual(sendTrace);
    const [receipt] = spansNamed(exporter, 'receipt smpp');
    expect(receipt.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(receipt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  });

  it('puts the processing and the receipt of a submit() in the caller’s trace, however late the receipt', async () => {
    const caller = provider.getTracer('app').startSpan('POST /sms');
    const submittedNow = context.with(trace.setSpan(context.active(), caller), () =>
      client.submit({ to: '447700900002', text: 'now', correlationId: 'direct', registeredDelivery: true }),
    );
    await submittedNow;
    // The caller's span ends before the receipt comes: the receipt is a child of an ended span, which is legal.
    caller.end();
    await until(() => receipts.has('direct'), 10_000, 'the receipt of the submit');
    await until(
      () =>
        spansNamed(exporter, 'receipt smpp').some(
          (s) => s.attributes['messaging.message.conversation_id'] === 'direct',
        ),
      5000,
      'its receipt span',
    );
    const of = (name: string) =>
      spansNamed(exporter, name).find((s) => s.attributes['messaging.message.conversation_id'] === 'direct')!;
    const callerContext = caller.spanContext();
    expect(spansNamed(exporter, 'send smpp')).toHaveLength(1); // submit() bypasses the queue: no send span
    for (const name of ['process smpp', 'receipt smpp']) {
      expect(of(name).spanContext().traceId).toBe(callerContext.traceId);
      expect(of(name).parentSpanContext?.spanId).toBe(callerContext.spanId);
    }
    expect(of('submit_sm').parentSpanContext?.spanId).toBe(of('process smpp').spanContext().spanId);
    expect(receipts.get('direct')?.metadata).toBeUndefined();
  });
});
