import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A finished span as a child process ships it to the test (JSON over IPC): what the assertions read. */
export interface SpanRecord {
  /** Which OS process recorded it. */
  pid: number;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Attributes;
  events: Array<{ name: string; attributes?: Attributes }>;
  status: { code: number; message?: string };
}

/** The JSON-ready record of a finished span. */
export function toSpanRecord(span: ReadableSpan, pid = process.pid): SpanRecord {
  const context = span.spanContext();
  return {
    pid,
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    attributes: span.attributes,
    events: span.events.map((event) => ({
      name: event.name,
      ...(event.attributes ? { attributes: event.attributes } : {}),
    })),
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
  };
}
