import { loadOtelApi } from './load-otel-api.js';
import type { MessageTracing } from './message-tracing.interface.js';
import { OtelTracing } from './otel-tracing.js';
import type { OtelTracingOptions } from './otel-tracing-options.interface.js';

/**
 * Loads `@opentelemetry/api` and returns the tracing policy for `SmppClient` (`policies.tracing`) or
 * `NazModule.forRoot({ tracing })`.
 *
 * @remarks
 * Spans, all in the trace of the context active when `send()` was called (or of the message's own `trace`):
 * - `send smpp` (producer): the message being queued. Its W3C trace context becomes the message's `trace`
 *   (the queue envelope's `trace` field), so the replica that takes the message continues the trace.
 * - `process smpp` (consumer, child of `send smpp`): from the first submit attempt to the final outcome
 *   (`smpp.outcome: submitted | failed`), with retries as events.
 * - `submit_sm` (client, child of `process smpp`): one per part and attempt, with `smpp.command_status` (the
 *   status name) and error status on anything but ESME_ROK.
 * - `receipt smpp` (consumer, child of `send smpp`, however late): a delivery receipt, rejoining the trace
 *   through the `trace` the correlator kept (also across replicas with `RedisCorrelator`). A child rather than
 *   a link, so the message's trace shows its whole life, receipt included; a link would put it in a trace of
 *   its own. For `submit()` (no `send smpp` span) the parent is the caller's span.
 * Never the password; the text only with `captureText`. Without a registered tracer provider the API's no-op
 * tracer makes all of this nearly free.
 *
 * @throws MissingPeerDependencyError when `@opentelemetry/api` is not installed.
 * @example
 * const tracing = await createOtelTracing();
 * const client = new SmppClient(options, { tracing });
 */
export async function createOtelTracing(options: OtelTracingOptions = {}): Promise<MessageTracing> {
  const api = await loadOtelApi();
  return new OtelTracing(api, options);
}
