import type { Context, SpanContext } from '@opentelemetry/api';
import type { OtelApi } from './load-otel-api.js';

import { TRACEPARENT_METADATA_KEY, TRACESTATE_METADATA_KEY } from './trace-context-keys.js';

// W3C Trace Context §3.2: version "00", 32 hex trace-id, 16 hex parent-id, 2 hex flags. Later versions may
// append fields after a "-", which a version-00 reader ignores (§3.2.4).
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * @internal The `traceparent` of a span context. Written here rather than through the global propagator: the
 * queue format promises W3C Trace Context whatever propagator (B3, Jaeger...) the app registered.
 */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * @internal The remote parent a message's metadata names, as a context to start child spans in; undefined when
 * the metadata carries no valid `traceparent` (a message queued without tracing, or by another producer).
 */
export function extractTraceContext(
  api: OtelApi,
  metadata: Record<string, unknown> | undefined,
): Context | undefined {
  const raw = metadata?.[TRACEPARENT_METADATA_KEY];
  if (typeof raw !== 'string') return undefined;
  const match = TRACEPARENT.exec(raw.trim().toLowerCase());
  // Version ff is forbidden (§3.2.2.1); all-zero ids are invalid (checked by isSpanContextValid).
  // Version 00 has exactly four fields (§3.2).
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return undefined;
  const state = metadata?.[TRACESTATE_METADATA_KEY];
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
