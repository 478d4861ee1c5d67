/**
 * The W3C Trace Context (https://www.w3.org/TR/trace-context/) a message carries from `send()` through the queue
 * to the replica that submits it, and on to its receipts: the envelope's `trace` field (docs/QUEUE-FORMAT.md).
 */
export interface MessageTraceContext {
  /** W3C `traceparent`, version 00: `00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>`. */
  traceparent: string;
  /** W3C `tracestate`, when the trace has one. */
  tracestate?: string;
}
