/** The metadata key holding the W3C `traceparent` of the message's `send` span (docs/QUEUE-FORMAT.md). */
export const TRACEPARENT_METADATA_KEY = 'traceparent';
/** The metadata key holding the W3C `tracestate`, when the span has one. */
export const TRACESTATE_METADATA_KEY = 'tracestate';
