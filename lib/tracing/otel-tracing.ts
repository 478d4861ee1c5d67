import type { EventEmitter } from 'node:events';
import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import type {
  DeliveryReceiptEvent,
  FailedEvent,
  RetryEvent,
  SubmittedEvent,
} from '../client/client-events.interface.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import type { HookContext, ResponseHookContext, SmppHooks } from '../hooks/smpp-hooks.interface.js';
import { toError } from '../errors/to-error.js';
import { statusName } from '../protocol/command-status.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type { Pdu } from '../protocol/pdu.types.js';
import type { SubmitSm } from '../protocol/pdu.types.js';
import type { OtelApi } from './load-otel-api.js';
import { NAZ_TRACER_NAME, type OtelTracingOptions } from './otel-tracing-options.interface.js';
import type { MessageTracing, SendTrace } from './message-tracing.interface.js';
import { SMPP_TRACE_ATTRIBUTES as A } from './smpp-trace-attributes.js';
import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import { extractTraceContext, toMessageTraceContext } from './trace-context-carrier.js';

const SYSTEM = 'smpp';

/**
 * How often a tracing without a provider looks again for one registered since. Looking costs a global lookup;
 * an SDK started after the client begins tracing within this delay.
 */
const LIVE_RECHECK_MS = 250;

/** The open processing span of one message on the consuming side, and its open `submit_sm` attempts. */
interface OpenMessage {
  span: Span;
  context: Context;
  attempts: Set<Span>;
  /** submit_sm PDUs sent for it (every part of every attempt, throttled resubmissions included). */
  submits: number;
}

/** @internal The OpenTelemetry implementation of {@link MessageTracing}. */
export class OtelTracing implements MessageTracing {
  private readonly tracer: Tracer;
  private readonly open = new Map<string, OpenMessage>();
  private readonly attemptOf = new WeakMap<Pdu, { span: Span; correlationId?: string }>();
  private readonly captureText: boolean;
  private readonly maxOpen: number;
  private systemId: string | undefined;
  /** True once spans can go anywhere: a provider was given, or one has been registered globally. */
  private live: boolean;
  private watcher: ReturnType<typeof setInterval> | undefined;
  private readonly recordingListeners: Array<() => void> = [];

  constructor(
    private readonly api: OtelApi,
    options: OtelTracingOptions = {},
  ) {
    const provider = (options.tracerProvider ?? api.trace.getTracerProvider()) as {
      getTracer(name: string): Tracer;
    };
    this.tracer = provider.getTracer(NAZ_TRACER_NAME);
    this.live = options.tracerProvider !== undefined;
    this.captureText = options.captureText ?? false;
    this.maxOpen = options.maxOpenMessages ?? 10_000;
  }

  /**
   * Whether spans would be recorded anywhere. Without a registered provider the global one is the API's proxy
   * with no delegate: then every span is a no-op, and even creating them, copying the message and keeping a
   * processing span per message measured +90% CPU per message (bench/tracing-overhead.bench.ts), so the
   * tracing steps aside entirely until an SDK registers. Only a flag is read per message: a timer looks for the
   * provider (reading the clock on every message instead cost 2 × ~230 ns on a loaded machine, +7% CPU).
   */
  private isLive(): boolean {
    return this.live;
  }

  /** Looks for a registered provider once now, then every {@link LIVE_RECHECK_MS} until one is found. */
  private watchForProvider(): void {
    if (this.live || this.checkProvider() || this.watcher !== undefined) return;
    this.watcher = setInterval(() => {
      if (this.checkProvider()) {
        clearInterval(this.watcher);
        this.watcher = undefined;
      }
    }, LIVE_RECHECK_MS);
    // A tracing waiting for an SDK never keeps the process alive.
    this.watcher.unref();
  }

  private checkProvider(): boolean {
    const provider = this.api.trace.getTracerProvider() as { getDelegateTracer?(name: string): unknown };
    if (typeof provider.getDelegateTracer === 'function' && !provider.getDelegateTracer(NAZ_TRACER_NAME)) {
      return false;
    }
    this.live = true;
    for (const listener of this.recordingListeners.splice(0)) listener();
    return true;
  }

  startSend(message: OutboundMessage, client: string): SendTrace | undefined {
    if (!this.isLive()) return undefined;
    const api = this.api;
    const attributes: Attributes = {
      [A.messagingSystem]: SYSTEM,
      [A.messagingOperation]: 'publish',
      [A.messagingOperationType]: 'send',
      [A.client]: client,
    };
    if (message.correlationId !== undefined) attributes[A.messagingConversationId] = message.correlationId;
    if (this.captureText && message.text !== undefined) attributes[A.text] = message.text;
    // A trace the caller names on the message (relayed from elsewhere) is more specific than the active one.
    const parent = extractTraceContext(api, message.trace) ?? api.context.active();
    const span = this.tracer.startSpan('send smpp', { kind: api.SpanKind.PRODUCER, attributes }, parent);
    const spanContext = span.spanContext();
    // The metadata stays the application's: the trace context has a field of its own in the envelope.
    const traced = api.isSpanContextValid(spanContext)
      ? { ...message, trace: toMessageTraceContext(spanContext) }
      : message;
    return {
      message: traced,
      end: (error?: unknown) => {
        if (error !== undefined) this.fail(span, error);
        span.end();
      },
    };
  }

  currentTrace(): MessageTraceContext | undefined {
    if (!this.isLive()) return undefined;
    const spanContext = this.api.trace.getSpanContext(this.api.context.active());
    return spanContext && this.api.isSpanContextValid(spanContext)
      ? toMessageTraceContext(spanContext)
      : undefined;
  }

  readonly hooks: SmppHooks = {
    // No closure per call: these run once per part on the send path.
    beforeRequest: (context: HookContext) => {
      if (!this.live) return;
      try {
        this.beforeRequest(context);
      } catch {
        // Tracing must never disturb the traffic it watches.
      }
    },
    afterResponse: (context: ResponseHookContext) => {
      if (!this.live) return;
      try {
        this.afterResponse(context);
      } catch {
        // As above.
      }
    },
  };

  attach(client: EventEmitter, info: { systemId: string; onRecording(hooks: SmppHooks): void }): void {
    this.systemId = info.systemId;
    if (this.live) info.onRecording(this.hooks);
    else {
      this.recordingListeners.push(() => info.onRecording(this.hooks));
      this.watchForProvider();
    }
    // Listeners check isLive() first: without a provider an event costs one call, no closure.
    client.on('submitted', (event: SubmittedEvent) => {
      if (this.isLive()) this.guard(() => this.onSubmitted(event));
    });
    client.on('failed', (event: FailedEvent) => {
      if (this.isLive()) this.guard(() => this.onFailed(event));
    });
    client.on('retry', (event: RetryEvent) => {
      if (this.isLive()) this.guard(() => this.onRetry(event));
    });
    client.on('deliveryReceipt', (event: DeliveryReceiptEvent) => {
      if (this.isLive()) this.guard(() => this.onReceipt(event));
    });
    client.on('stopped', () => this.guard(() => this.abandonAll('client stopped')));
  }

  private beforeRequest(context: HookContext): void {
    const request = context.request;
    // Keepalives carry nothing about a message; a span every few seconds per session would bury the rest.
    if (request.command === 'enquire_link') return;
    const stale = this.attemptOf.get(request);
    // The previous attempt with this PDU got no response (timeout, connection lost): the retry supersedes it.
    if (stale) this.endAttempt(request, stale.span, stale.correlationId, 'no response');
    const parent = context.correlationId !== undefined ? this.messageContext(context) : undefined;
    const attributes: Attributes = {
      [A.messagingSystem]: SYSTEM,
      [A.command]: request.command,
      [A.client]: context.client,
    };
    if (this.systemId !== undefined) attributes[A.systemId] = this.systemId;
    if (context.correlationId !== undefined) attributes[A.messagingConversationId] = context.correlationId;
    if (request.command === 'submit_sm') {
      attributes[A.messagingOperation] = 'publish';
      attributes[A.messagingOperationType] = 'send';
      const concat = extractConcatInfo(request as SubmitSm).concat;
      attributes[A.partIndex] = concat ? concat.seq : 1;
      attributes[A.partCount] = concat ? concat.total : 1;
    }
    const span = this.tracer.startSpan(
      request.command,
      { kind: this.api.SpanKind.CLIENT, attributes },
      parent?.context,
    );
    this.attemptOf.set(request, { span, correlationId: context.correlationId });
    if (parent) {
      parent.attempts.add(span);
      if (request.command === 'submit_sm') parent.submits++;
    }
  }

  private afterResponse(context: ResponseHookContext): void {
    const open = this.attemptOf.get(context.request);
    if (!open) return;
    this.attemptOf.delete(context.request);
    const { span } = open;
    const response = context.response;
    const status = statusName(response.command_status);
    span.setAttribute(A.commandStatus, status);
    if (response.command === 'submit_sm_resp' && response.command_status === 0) {
      span.setAttribute(A.messageId, response.message_id);
      span.setAttribute(A.messagingMessageId, response.message_id);
    }
    if (response.command_status !== 0 || response.command === 'generic_nack') {
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: `${response.command} ${status}` });
    }
    span.end();
    if (open.correlationId !== undefined) this.open.get(open.correlationId)?.attempts.delete(span);
  }

  /** The processing span of the message a request belongs to, opened at its first attempt. */
  private messageContext(context: HookContext): OpenMessage {
    const correlationId = context.correlationId as string;
    let open = this.open.get(correlationId);
    if (open) return open;
    open = this.openMessage(correlationId, context.trace, context.client);
    return open;
  }

  private openMessage(
    correlationId: string,
    trace: MessageTraceContext | undefined,
    client: string,
  ): OpenMessage {
    if (this.open.size >= this.maxOpen) {
      const oldest = this.open.keys().next().value;
      if (oldest !== undefined) this.finish(oldest, 'abandoned', 'too many messages open in the tracer');
    }
    const api = this.api;
    const parent = extractTraceContext(api, trace) ?? api.context.active();
    const attributes: Attributes = {
      [A.messagingSystem]: SYSTEM,
      [A.messagingOperation]: 'process',
      [A.messagingOperationType]: 'process',
      [A.messagingConversationId]: correlationId,
      [A.client]: client,
    };
    if (this.systemId !== undefined) attributes[A.systemId] = this.systemId;
    const span = this.tracer.startSpan('process smpp', { kind: api.SpanKind.CONSUMER, attributes }, parent);
    const open: OpenMessage = {
      span,
      context: api.trace.setSpan(parent, span),
      attempts: new Set(),
      submits: 0,
    };
    this.open.set(correlationId, open);
    return open;
  }

  private onSubmitted(event: SubmittedEvent): void {
    const open =
      this.open.get(event.correlationId) ?? this.openMessage(event.correlationId, event.trace, event.client);
    open.span.setAttributes({
      [A.outcome]: 'submitted',
      [A.attempts]: event.attempts,
      [A.messageIds]: event.messageIds,
      [A.partCount]: event.messageIds.length,
    });
    if (event.messageIds.length === 1) open.span.setAttribute(A.messagingMessageId, event.messageIds[0]);
    open.span.setStatus({ code: this.api.SpanStatusCode.OK });
    this.finish(event.correlationId);
  }

  private onFailed(event: FailedEvent): void {
    const open =
      this.open.get(event.correlationId) ?? this.openMessage(event.correlationId, event.trace, event.client);
    open.span.setAttributes({
      [A.outcome]: 'failed',
      [A.attempts]: event.attempts,
      [A.reason]: event.reason,
    });
    if (event.commandStatus !== undefined)
      open.span.setAttribute(A.commandStatus, statusName(event.commandStatus));
    open.span.recordException(event.error);
    open.span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: event.reason });
    this.finish(event.correlationId, undefined, event.reason);
  }

  private onRetry(event: RetryEvent): void {
    const open = this.open.get(event.correlationId);
    if (!open) return;
    open.span.addEvent('retry', {
      [A.attempt]: event.attempt,
      [A.reason]: event.reason,
      'smpp.retry.delay_ms': event.delayMs,
    });
  }

  private onReceipt(event: DeliveryReceiptEvent): void {
    const api = this.api;
    const { receipt } = event;
    const parent = extractTraceContext(api, event.trace);
    const attributes: Attributes = {
      [A.messagingSystem]: SYSTEM,
      [A.messagingOperation]: 'receive',
      [A.messagingOperationType]: 'receive',
      [A.command]: event.pdu.command,
      [A.messageId]: receipt.messageId,
      [A.messagingMessageId]: receipt.messageId,
      [A.receiptState]: receipt.state,
      [A.client]: event.client,
    };
    if (this.systemId !== undefined) attributes[A.systemId] = this.systemId;
    if (event.correlationId !== undefined) attributes[A.messagingConversationId] = event.correlationId;
    if (event.partIndex !== undefined) attributes[A.partIndex] = event.partIndex + 1;
    if (event.partCount !== undefined) attributes[A.partCount] = event.partCount;
    if (receipt.errorCode !== undefined) attributes[A.receiptErrorCode] = receipt.errorCode;
    if (event.heldMs !== undefined) attributes[A.receiptHeldMs] = event.heldMs;
    // Without a trace context the receipt (uncorrelated, or its message sent untraced) starts its own trace.
    const span = this.tracer.startSpan(
      'receipt smpp',
      { kind: api.SpanKind.CONSUMER, attributes },
      parent ?? api.ROOT_CONTEXT,
    );
    span.end();
  }

  private endAttempt(request: Pdu, span: Span, correlationId: string | undefined, why: string): void {
    this.attemptOf.delete(request);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: why });
    span.end();
    if (correlationId !== undefined) this.open.get(correlationId)?.attempts.delete(span);
  }

  /** Ends a message's processing span and any attempt still waiting for an answer. */
  private finish(correlationId: string, outcome?: string, why?: string): void {
    const open = this.open.get(correlationId);
    if (!open) return;
    this.open.delete(correlationId);
    open.span.setAttribute(A.submits, open.submits);
    for (const attempt of open.attempts) {
      attempt.setStatus({ code: this.api.SpanStatusCode.ERROR, message: why ?? 'no response' });
      attempt.end();
    }
    if (outcome !== undefined) {
      open.span.setAttribute(A.outcome, outcome);
      if (why !== undefined) open.span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: why });
    }
    open.span.end();
  }

  private abandonAll(why: string): void {
    for (const correlationId of [...this.open.keys()]) this.finish(correlationId, 'abandoned', why);
  }

  private fail(span: Span, error: unknown): void {
    const err = toError(error);
    span.recordException(err);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: err.name });
  }

  /** Tracing must never disturb the traffic it watches. */
  private guard(run: () => void): void {
    try {
      run();
    } catch {
      // A broken exporter or span processor: the message goes on untraced.
    }
  }
}
