import { describe, expect, it } from '@jest/globals';
import * as api from '@opentelemetry/api';
import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import { extractTraceContext, toMessageTraceContext } from './trace-context-carrier.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

function parentOf(trace: Record<string, unknown> | undefined): api.SpanContext | undefined {
  const context = extractTraceContext(api, trace as MessageTraceContext | undefined);
  return context ? api.trace.getSpanContext(context) : undefined;
}

describe('the W3C trace context of a queued message, its `trace` field (docs/QUEUE-FORMAT.md)', () => {
  it('writes traceparent version 00 with the flags as two hex digits, and no empty tracestate', () => {
    expect(toMessageTraceContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 })).toEqual({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
    });
  });

  it('writes the tracestate of the span', () => {
    const traceState = api.createTraceState('vendor=v1');
    expect(toMessageTraceContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0, traceState })).toEqual({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`,
      tracestate: 'vendor=v1',
    });
  });

  it('reads it back as a remote parent, with tracestate', () => {
    expect(parentOf({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=v1' })).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: 1,
      isRemote: true,
    });
    expect(
      parentOf({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=v1' })?.traceState?.get(
        'vendor',
      ),
    ).toBe('v1');
  });

  it('accepts a later version with extra fields, as W3C Trace Context §3.2.4 asks of a version-00 reader', () => {
    expect(parentOf({ traceparent: `01-${TRACE_ID}-${SPAN_ID}-00-whatever` })?.traceId).toBe(TRACE_ID);
  });

  it.each([
    ['no trace context', undefined],
    ['no traceparent', { tracestate: 'vendor=v1' }],
    ['a number', { traceparent: 42 }],
    ['version ff', { traceparent: `ff-${TRACE_ID}-${SPAN_ID}-01` }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['an all-zero span id', { traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` }],
    ['a short trace id', { traceparent: `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01` }],
    ['garbage', { traceparent: 'not a traceparent' }],
    ['version 00 with a fifth field', { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01-extra` }],
  ])('ignores %s (the consumer starts a new trace)', (_what, trace) => {
    expect(parentOf(trace as Record<string, unknown> | undefined)).toBeUndefined();
  });
});
