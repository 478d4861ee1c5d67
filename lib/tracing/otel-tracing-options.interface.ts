/** A tracer provider, as `@opentelemetry/api` defines it (kept structural so this type needs no peer). */
export interface OtelTracerProviderLike {
  getTracer(name: string, version?: string): unknown;
}

/** Options of {@link createOtelTracing}. */
export interface OtelTracingOptions {
  /** Where the spans go. @default the global tracer provider (`trace.getTracerProvider()`) */
  tracerProvider?: OtelTracerProviderLike;
  /**
   * Adds the message text to the `send` span as `smpp.message.text`. Off by default: texts carry one-time codes
   * and personal data that tracing backends are rarely allowed to keep.
   * @default false
   */
  captureText?: boolean;
  /**
   * Most messages whose processing span is kept open at once; beyond it the oldest is ended with
   * `smpp.outcome: 'abandoned'` so memory stays bounded.
   * @default 10000
   */
  maxOpenMessages?: number;
}

/** The tracer's name (instrumentation scope), as the spans show it. */
export const NAZ_TRACER_NAME = 'nestjs-naz';
