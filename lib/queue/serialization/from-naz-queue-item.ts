import type { QueuedMessage } from '../outbound-queue.interface.js';
import {
  assignDefined,
  optionalBooleanOrInteger,
  optionalInteger,
  optionalString,
  requiredString,
  type JsonObject,
} from './json-field-readers.js';
import { QueueMessageFormatError, describeJsonValue } from './queue-message-format.error.js';

/**
 * Maps a Python naz queue item (see `NazQueueItem`) to a message.
 *
 * @remarks
 * naz's `log_id` (or `correlation_id`) becomes `correlationId`; `hook_metadata` is kept as
 * `metadata.hookMetadata` so hooks and events see it as naz's hooks did.
 * @throws QueueMessageFormatError for versions other than 1, commands other than submit_sm, and pre-encoded
 * `pdu` items (their bytes were encoded by a Python codec this library cannot know).
 */
export function fromNazQueueItem(item: JsonObject, fallbackCorrelationId: () => string): QueuedMessage {
  if (item.version !== 1 && item.version !== '1') {
    throw new QueueMessageFormatError(
      'version',
      'must be 1 or "1" (naz message protocol 1)',
      describeJsonValue(item.version),
    );
  }
  const command = optionalString(item, 'smpp_command') ?? optionalString(item, 'smpp_event');
  if (command === undefined || command.toLowerCase() !== 'submit_sm') {
    throw new QueueMessageFormatError(
      'smpp_command',
      'must be "submit_sm" (the only naz command a queue carries)',
      describeJsonValue(command),
    );
  }
  if (item.pdu !== undefined && item.pdu !== null && item.pdu !== '') {
    throw new QueueMessageFormatError('pdu', 'is not supported: enqueue the text as short_message instead');
  }
  const message: QueuedMessage = {
    correlationId:
      optionalString(item, 'log_id') || optionalString(item, 'correlation_id') || fallbackCorrelationId(),
    to: requiredString(item, 'destination_addr'),
    text: optionalString(item, 'short_message') ?? '',
  };
  const hookMetadata = optionalString(item, 'hook_metadata');
  if (hookMetadata !== undefined) message.metadata = { hookMetadata };
  assignDefined(message, {
    from: optionalString(item, 'source_addr'),
    serviceType: optionalString(item, 'service_type'),
    sourceAddrTon: optionalInteger(item, 'source_addr_ton'),
    sourceAddrNpi: optionalInteger(item, 'source_addr_npi'),
    destAddrTon: optionalInteger(item, 'dest_addr_ton'),
    destAddrNpi: optionalInteger(item, 'dest_addr_npi'),
    esmClass: optionalInteger(item, 'esm_class'),
    protocolId: optionalInteger(item, 'protocol_id'),
    priorityFlag: optionalInteger(item, 'priority_flag'),
    scheduleDeliveryTime: optionalString(item, 'schedule_delivery_time'),
    validityPeriod: optionalString(item, 'validity_period'),
    registeredDelivery: optionalBooleanOrInteger(item, 'registered_delivery'),
    dataCoding: optionalInteger(item, 'data_coding'),
  });
  return message;
}
