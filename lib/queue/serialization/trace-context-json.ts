import type { MessageTraceContext } from '../../message/message-trace-context.interface.js';
import { isJsonObject, optionalString, type JsonObject } from './json-field-readers.js';
import { QueueMessageFormatError, describeJsonValue } from './queue-message-format.error.js';

/**
 * The metadata keys that carried the trace context before the envelope had its `trace` field (nestjs-naz
 * releases writing `v: 1` items without `trace`). Read from such items only, never written.
 */
export const LEGACY_TRACE_METADATA_KEYS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/** The envelope's `trace` field: the two W3C strings only, whatever else the object held. */
export function traceToJson(trace: MessageTraceContext | undefined): MessageTraceContext | undefined {
  if (trace === undefined || typeof trace.traceparent !== 'string') return undefined;
  return typeof trace.tracestate === 'string' && trace.tracestate.length > 0
    ? { traceparent: trace.traceparent, tracestate: trace.tracestate }
    : { traceparent: trace.traceparent };
}

/** What {@link readTraceContext} found: the trace context, and the metadata without a legacy carrier's keys. */
export interface ReadTrace {
  trace?: MessageTraceContext;
  metadata?: JsonObject;
}

/**
 * Reads an item's trace context: its `trace` field, else (an item of an earlier release) `metadata.traceparent`
 * and `metadata.tracestate`, which are then taken out of the metadata so that the application's own keys are
 * all that is left there.
 *
 * @remarks
 * The queue checks JSON types only, as for every field: a `trace` that is not an object with a string
 * `traceparent` fails the item. What the strings say is the tracing's business: a malformed `traceparent` is
 * ignored there (the consumer starts a new trace), it never fails the message.
 * @throws QueueMessageFormatError naming `trace`, `trace.traceparent` or `trace.tracestate`.
 */
export function readTraceContext(item: JsonObject, metadata: JsonObject | undefined): ReadTrace {
  const field = item.trace;
  if (field !== undefined && field !== null) {
    if (!isJsonObject(field)) {
      throw new QueueMessageFormatError(
        'trace',
        'must be an object { traceparent, tracestate? }',
        describeJsonValue(field),
      );
    }
    const traceparent = optionalString(field, 'traceparent', 'trace.traceparent');
    if (traceparent === undefined) {
      throw new QueueMessageFormatError('trace.traceparent', 'must be a string', 'nothing');
    }
    const tracestate = optionalString(field, 'tracestate', 'trace.tracestate');
    return { trace: tracestate ? { traceparent, tracestate } : { traceparent }, metadata };
  }
  const { traceparent: parentKey, tracestate: stateKey } = LEGACY_TRACE_METADATA_KEYS;
  const legacyParent = metadata?.[parentKey];
  if (metadata === undefined || typeof legacyParent !== 'string') return { metadata };
  const legacyState = metadata[stateKey];
  const rest: JsonObject = { ...metadata };
  delete rest[parentKey];
  delete rest[stateKey];
  return {
    trace:
      typeof legacyState === 'string' && legacyState.length > 0
        ? { traceparent: legacyParent, tracestate: legacyState }
        : { traceparent: legacyParent },
    ...(Object.keys(rest).length > 0 ? { metadata: rest } : {}),
  };
}
