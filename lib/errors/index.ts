/**
 * Every error class of the library, from every layer, in one place (`import { BindError, SubmitError } from
 * 'nestjs-naz'`, or from `'nestjs-naz/core'` without Nest), with the base class and guards that recognise them
 * across the library's ESM and CommonJS copies.
 */
// The base class, its brand and the guards.
export { NazError, NAZ_ERROR_BRAND, isNazError } from './naz-error.js';
export { isNazErrorNamed } from './is-naz-error-named.js';
export type { NazErrorMap } from './naz-error-map.js';
// Protocol: decoding, framing, encoding.
export * from '../protocol/errors/index.js';
export { UnencodableTextError } from '../protocol/encoding/unencodable-text.error.js';
export { UnknownDataCodingError } from '../protocol/encoding/unknown-data-coding.error.js';
export { TooManyPartsError } from '../protocol/long-message/too-many-parts.error.js';
export { PayloadTooLargeError } from '../protocol/long-message/payload-too-large.error.js';
export { InvalidSplitOptionsError } from '../protocol/long-message/invalid-split-options.error.js';
export { InvalidMessagePartError } from '../protocol/long-message/invalid-message-part.error.js';
// Session: connect, bind, window, timeouts, close.
export * from '../session/errors/index.js';
// Client: messages, options, submits, queue.
export * from '../client/errors/index.js';
// Durable queues: a missing optional peer, a queued message that does not parse.
export { MissingPeerDependencyError } from './missing-peer-dependency.error.js';
export { QueueMessageFormatError } from '../queue/serialization/queue-message-format.error.js';
// Router: its configuration, a destination no route takes, a route whose clients all failed.
export * from '../router/errors/index.js';
