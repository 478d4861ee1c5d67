export * from './message-tracing.interface.js';
export {
  createOtelTracing,
  NAZ_TRACER_NAME,
  type OtelTracerProviderLike,
  type OtelTracingOptions,
} from './otel-tracing.js';
export * from './smpp-trace-attributes.js';
export { TRACEPARENT_METADATA_KEY, TRACESTATE_METADATA_KEY } from './trace-context-carrier.js';
