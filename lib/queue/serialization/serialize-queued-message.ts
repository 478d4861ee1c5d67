import type { QueuedMessage } from '../outbound-queue.interface.js';
import { QUEUE_FORMAT_VERSION, type QueueEnvelopeV1 } from './queue-envelope.interface.js';
import { tlvsToJson } from './tlv-json.js';
import { traceToJson } from './trace-context-json.js';

/** Options of {@link serializeQueuedMessage}. */
export interface SerializeOptions {
  /** Epoch milliseconds stamped as `enqueuedAt`. @default Date.now() */
  enqueuedAt?: number;
}

/**
 * The queue envelope of a message (format version 1, docs/QUEUE-FORMAT.md), as a JSON-ready object.
 *
 * @remarks
 * `bytes` and TLV octet strings become base64; `metadata` goes as it is, so it must be JSON-serialisable;
 * `trace` holds the message's W3C trace context, never `metadata`.
 */
export function toQueueEnvelope(message: QueuedMessage, options: SerializeOptions = {}): QueueEnvelopeV1 {
  const envelope: QueueEnvelopeV1 = {
    v: QUEUE_FORMAT_VERSION,
    correlationId: message.correlationId,
    to: message.to,
  };
  if (message.from !== undefined) envelope.from = message.from;
  if (message.text !== undefined) envelope.text = message.text;
  if (message.bytes !== undefined) envelope.bytes = message.bytes.toString('base64');
  if (message.metadata !== undefined) envelope.metadata = message.metadata;
  if (message.dataCoding !== undefined) envelope.dataCoding = message.dataCoding;
  if (message.longMessage !== undefined) envelope.longMessage = message.longMessage;
  if (message.registeredDelivery !== undefined) envelope.registeredDelivery = message.registeredDelivery;
  if (message.sourceAddrTon !== undefined) envelope.sourceAddrTon = message.sourceAddrTon;
  if (message.sourceAddrNpi !== undefined) envelope.sourceAddrNpi = message.sourceAddrNpi;
  if (message.destAddrTon !== undefined) envelope.destAddrTon = message.destAddrTon;
  if (message.destAddrNpi !== undefined) envelope.destAddrNpi = message.destAddrNpi;
  if (message.serviceType !== undefined) envelope.serviceType = message.serviceType;
  if (message.esmClass !== undefined) envelope.esmClass = message.esmClass;
  if (message.protocolId !== undefined) envelope.protocolId = message.protocolId;
  if (message.priorityFlag !== undefined) envelope.priorityFlag = message.priorityFlag;
  if (message.scheduleDeliveryTime !== undefined)
    envelope.scheduleDeliveryTime = message.scheduleDeliveryTime;
  if (message.validityPeriod !== undefined) envelope.validityPeriod = message.validityPeriod;
  if (message.tlvs !== undefined) envelope.tlvs = tlvsToJson(message.tlvs);
  const trace = traceToJson(message.trace);
  if (trace !== undefined) envelope.trace = trace;
  envelope.enqueuedAt = options.enqueuedAt ?? Date.now();
  return envelope;
}

/** The message as a JSON string in queue format version 1: what durable queues store. */
export function serializeQueuedMessage(message: QueuedMessage, options: SerializeOptions = {}): string {
  return JSON.stringify(toQueueEnvelope(message, options));
}
