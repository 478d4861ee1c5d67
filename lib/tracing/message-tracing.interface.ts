import type { EventEmitter } from 'node:events';
import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import type { SmppHooks } from '../hooks/smpp-hooks.interface.js';

/** What `send()` gets back from {@link MessageTracing.startSend}: the message to queue, and the span's end. */
export interface SendTrace {
  /** The message to queue: a copy of the caller's whose `trace` is the `send smpp` span's context. */
  message: OutboundMessage;
  /** Ends the `send` span: queued (no argument) or not (the enqueue's error). */
  end(error?: unknown): void;
}

/**
 * A tracing policy of a client (`createOtelTracing()`): its hooks time each request, its event listeners record
 * the outcome and the receipts, and `startSend` puts the trace context into each queued message.
 */
export interface MessageTracing {
  /** Run before the client's own hooks on every request, once spans are recorded. */
  readonly hooks: SmppHooks;
  /** Called by `send()` for each message, before it is queued; undefined when nothing would be recorded. */
  startSend(message: OutboundMessage, client: string): SendTrace | undefined;
  /**
   * The trace context active now (the caller's span), for `submit()`: a message submitted without a queue
   * carries it, so its receipt joins the caller's trace. Undefined when nothing would be recorded.
   */
  currentTrace?(): MessageTraceContext | undefined;
  /**
   * Starts following a client's events (`submitted`, `failed`, `retry`, `deliveryReceipt`, `stopped`).
   * `onRecording` is called once (at once, or later when an SDK registers a provider) with the hooks the client
   * must add: until then, without a provider, the client runs as if untraced.
   */
  attach(client: EventEmitter, info: { systemId: string; onRecording(hooks: SmppHooks): void }): void;
}
