import type { Context, SpanContext } from '@opentelemetry/api';
import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import type { OtelApi } from './load-otel-api.js';

// W3C Trace Context §3.2: version "00", 32 hex trace-id, 16 hex parent-id, 2 hex flags. Later versions may
// append fields after a "-", which a version-00 reader ignores (§3.2.4).
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * @internal The message's `trace` for a span: written here rather than through the global propagator, because
 * the queue format promises W3C Trace Context whatever propagator (B3, Jaeger...) the app registered.
 */
export function toMessageTraceContext(spanContext: SpanContext): MessageTraceContext {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  const traceparent = `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
  const tracestate = spanContext.traceState?.serialize();
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/**
 * @internal The remote parent a message's `trace` names, as a context to start child spans in; undefined when
 * it has none or an invalid one (a message queued without tracing, or by a producer that got it wrong).
 */
export function extractTraceContext(
  api: OtelApi,
  trace: MessageTraceContext | undefined,
): Context | undefined {
  const raw: unknown = trace?.traceparent;
  if (typeof raw !== 'string') return undefined;
  const match = TRACEPARENT.exec(raw.trim().toLowerCase());
  // Version ff is forbidden (§3.2.2.1); all-zero ids are invalid (checked by isSpanContextValid).
  // Version 00 has exactly four fields (§3.2).
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return undefined;
  const state: unknown = trace?.tracestate;
  const spanContext: SpanContext = {
    traceId: match[2],
    spanId: match[3],
    traceFlags: parseInt(match[4], 16),
    isRemote: true,
    ...(typeof state === 'string' && state.length > 0 ? { traceState: api.createTraceState(state) } : {}),
  };
  if (!api.isSpanContextValid(spanContext)) return undefined;
  return api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext);
}
