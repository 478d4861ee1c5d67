import { randomUUID } from 'node:crypto';
import type { LongMessageMethod } from '../../message/outbound-message.interface.js';
import type { QueuedMessage } from '../outbound-queue.interface.js';
import { fromNazQueueItem } from './from-naz-queue-item.js';
import {
  assignDefined,
  base64Bytes,
  isJsonObject,
  optionalBooleanOrInteger,
  optionalInteger,
  optionalString,
  requiredString,
  type JsonObject,
} from './json-field-readers.js';
import { QUEUE_FORMAT_VERSION } from './queue-envelope.interface.js';
import { QueueMessageFormatError, describeJsonValue } from './queue-message-format.error.js';
import { tlvsFromJson } from './tlv-json.js';
import { readTraceContext } from './trace-context-json.js';

/** Options of {@link parseQueuedMessage}. */
export interface ParseOptions {
  /**
   * The correlation id of an item that carries none, e.g. the broker's id of the entry, so that every
   * redelivery of the item gets the same one. @default a random UUID
   */
  fallbackCorrelationId?: () => string;
}

/** What {@link parseQueuedMessage} read: the message, and which format it came in. */
export interface ParsedQueueItem {
  message: QueuedMessage;
  /** `'envelope'` for this library's format (with its version), `'naz'` for a Python naz item. */
  format: 'envelope' | 'naz';
  /** Epoch milliseconds when the producer enqueued it, when it said. */
  enqueuedAt?: number;
}

const LONG_MESSAGE_METHODS: readonly LongMessageMethod[] = ['udh8', 'udh16', 'sar', 'payload'];

/**
 * Reads one queue item: this library's envelope (`{ "v": 1, ... }`) or a Python naz item
 * (`{ "version": "1", "smpp_command": "submit_sm", ... }`).
 *
 * @remarks
 * Checks JSON types only; SMPP rules (lengths, encodings) are the client's, which fails a bad message for
 * good with an `InvalidMessageError` naming the field.
 * @throws QueueMessageFormatError naming the field and the rule, for anything else.
 */
export function parseQueuedMessage(raw: string | Buffer, options: ParseOptions = {}): ParsedQueueItem {
  let item: unknown;
  try {
    item = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    throw new QueueMessageFormatError('$', 'must be JSON', (error as Error).message);
  }
  return parseQueueItem(item, options);
}

/**
 * Reads one queue item already parsed from JSON, e.g. one member of a RabbitMQ pack.
 * @throws QueueMessageFormatError naming the field and the rule.
 */
export function parseQueueItem(item: unknown, options: ParseOptions = {}): ParsedQueueItem {
  if (!isJsonObject(item))
    throw new QueueMessageFormatError('$', 'must be a JSON object', describeJsonValue(item));
  const fallback = options.fallbackCorrelationId ?? randomUUID;
  if ('v' in item) return parseEnvelope(item, fallback);
  if ('version' in item) return { message: fromNazQueueItem(item, fallback), format: 'naz' };
  throw new QueueMessageFormatError(
    '$',
    'must carry "v" (this library\'s envelope) or "version" (a naz item)',
    `keys ${Object.keys(item).slice(0, 8).join(', ') || 'none'}`,
  );
}

function parseEnvelope(item: JsonObject, fallback: () => string): ParsedQueueItem {
  if (item.v !== QUEUE_FORMAT_VERSION) {
    throw new QueueMessageFormatError(
      'v',
      `must be ${QUEUE_FORMAT_VERSION} (this release reads format version ${QUEUE_FORMAT_VERSION})`,
      describeJsonValue(item.v),
    );
  }
  const message: QueuedMessage = {
    correlationId: optionalString(item, 'correlationId') || fallback(),
    to: requiredString(item, 'to'),
  };
  const from = optionalString(item, 'from');
  if (from !== undefined) message.from = from;
  const text = optionalString(item, 'text');
  if (text !== undefined) message.text = text;
  if (item.bytes !== undefined && item.bytes !== null) message.bytes = base64Bytes(item.bytes, 'bytes');
  if (message.text === undefined && message.bytes === undefined) {
    throw new QueueMessageFormatError('text', 'or bytes must be present');
  }
  let metadata: JsonObject | undefined;
  if (item.metadata !== undefined && item.metadata !== null) {
    if (!isJsonObject(item.metadata)) {
      throw new QueueMessageFormatError('metadata', 'must be an object', describeJsonValue(item.metadata));
    }
    metadata = item.metadata;
  }
  const traced = readTraceContext(item, metadata);
  if (traced.metadata !== undefined) message.metadata = traced.metadata;
  if (traced.trace !== undefined) message.trace = traced.trace;
  const longMessage = optionalString(item, 'longMessage');
  if (longMessage !== undefined) {
    if (!(LONG_MESSAGE_METHODS as readonly string[]).includes(longMessage)) {
      throw new QueueMessageFormatError(
        'longMessage',
        `must be one of ${LONG_MESSAGE_METHODS.join(', ')}`,
        longMessage,
      );
    }
    message.longMessage = longMessage as LongMessageMethod;
  }
  assignDefined(message, {
    dataCoding: optionalInteger(item, 'dataCoding'),
    registeredDelivery: optionalBooleanOrInteger(item, 'registeredDelivery'),
    sourceAddrTon: optionalInteger(item, 'sourceAddrTon'),
    sourceAddrNpi: optionalInteger(item, 'sourceAddrNpi'),
    destAddrTon: optionalInteger(item, 'destAddrTon'),
    destAddrNpi: optionalInteger(item, 'destAddrNpi'),
    serviceType: optionalString(item, 'serviceType'),
    esmClass: optionalInteger(item, 'esmClass'),
    protocolId: optionalInteger(item, 'protocolId'),
    priorityFlag: optionalInteger(item, 'priorityFlag'),
    scheduleDeliveryTime: optionalString(item, 'scheduleDeliveryTime'),
    validityPeriod: optionalString(item, 'validityPeriod'),
  });
  if (item.tlvs !== undefined && item.tlvs !== null) message.tlvs = tlvsFromJson(item.tlvs);
  const parsed: ParsedQueueItem = { message, format: 'envelope' };
  const enqueuedAt = item.enqueuedAt;
  if (typeof enqueuedAt === 'number' && Number.isFinite(enqueuedAt)) parsed.enqueuedAt = enqueuedAt;
  return parsed;
}
