/**
 * Every error class of the library, from every layer, in one place:
 * `import { BindError, SubmitError, InvalidMessageError } from 'nestjs-naz'`.
 */
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
