import type { Pdu } from '../protocol/pdu.types.js';

/** What a hook sees about one request. */
export interface HookContext {
  /** The client's name (`'default'` unless named). */
  client: string;
  /** The PDU about to go out (beforeRequest) or that went out (afterResponse). */
  request: Pdu;
  /** The caller's correlation id, for submits from `send()`/`submit()`. */
  correlationId?: string;
  /** The caller's metadata for that message. */
  metadata?: Record<string, unknown>;
  /**
   * The message's W3C trace context (`OutboundMessage.trace`, a `MessageTraceContext`), when it has one. Written
   * out here because the hooks layer imports only the protocol.
   */
  trace?: { traceparent: string; tracestate?: string };
}

/** What `afterResponse` sees: the request's context, its response, and how long the answer took. */
export interface ResponseHookContext extends HookContext {
  /** The response (or the generic_nack that answered the request). */
  response: Pdu;
  /**
   * Milliseconds from the request being handed to the session (just after `beforeRequest`) to its response:
   * any wait for a window slot, the write, and the SMSC's answer. Time a round trip from this rather than
   * from a map keyed by request: a request that fails (timeout, connection lost) gets no `afterResponse`, so
   * such a map keeps its entry.
   */
  elapsedMs: number;
}

/**
 * Hooks called around every request (naz's `BaseHook`): audit logs, metrics, tracing.
 *
 * @remarks
 * Every request means submits (each part of a long message), query/cancel/replace, and the requests the session
 * sends by itself: bind_* (with the password shown as `'***'`), enquire_link and unbind. Responses the client
 * sends (deliver_sm_resp...) are not requests and do not pass through hooks; the client's `'pdu'` event shows
 * what arrives.
 * A hook that throws or rejects is logged and otherwise ignored: it never stops a send. Synchronous hooks are
 * not awaited, so they cost nothing on the hot path. Bind your own with `NAZ_HOOKS`.
 */
export interface SmppHooks {
  beforeRequest?(context: HookContext): void | Promise<void>;
  afterResponse?(context: ResponseHookContext): void | Promise<void>;
}
