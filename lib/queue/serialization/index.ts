export * from './queue-envelope.interface.js';
export * from './naz-queue-item.interface.js';
export * from './queue-message-format.error.js';
export * from './serialize-queued-message.js';
export * from './parse-queued-message.js';
export * from './from-naz-queue-item.js';
export { tlvsFromJson, tlvsToJson, type TlvsJson } from './tlv-json.js';
export type { JsonObject } from './json-field-readers.js';
export { unsendableMessage } from './unsendable-item.js';
