import type { FramingError, PduDecodeError, PduEncodeError } from '../protocol/errors/index.js';
import type { UnencodableTextError } from '../protocol/encoding/unencodable-text.error.js';
import type { UnknownDataCodingError } from '../protocol/encoding/unknown-data-coding.error.js';
import type { TooManyPartsError } from '../protocol/long-message/too-many-parts.error.js';
import type { PayloadTooLargeError } from '../protocol/long-message/payload-too-large.error.js';
import type { InvalidSplitOptionsError } from '../protocol/long-message/invalid-split-options.error.js';
import type { InvalidMessagePartError } from '../protocol/long-message/invalid-message-part.error.js';
import type {
  BindError,
  ConnectError,
  ResponseTimeoutError,
  SessionClosedError,
  WindowTimeoutError,
} from '../session/errors/index.js';
import type {
  InvalidMessageError,
  InvalidOptionsError,
  NotBoundError,
  QueueFullError,
  SubmitError,
} from '../client/errors/index.js';
import type { MissingPeerDependencyError } from './missing-peer-dependency.error.js';
import type { QueueMessageFormatError } from '../queue/serialization/queue-message-format.error.js';
import type { InvalidRouteError, NoRouteError, RouteExhaustedError } from '../router/errors/index.js';
import type { NazError } from './naz-error.js';

/**
 * The public error classes of nestjs-naz by name, for {@link isNazErrorNamed}: `isNazErrorNamed(e, 'SubmitError')`
 * narrows `e` to `SubmitError`.
 */
export interface NazErrorMap {
  NazError: NazError;
  PduDecodeError: PduDecodeError;
  FramingError: FramingError;
  PduEncodeError: PduEncodeError;
  UnencodableTextError: UnencodableTextError;
  UnknownDataCodingError: UnknownDataCodingError;
  TooManyPartsError: TooManyPartsError;
  PayloadTooLargeError: PayloadTooLargeError;
  InvalidSplitOptionsError: InvalidSplitOptionsError;
  InvalidMessagePartError: InvalidMessagePartError;
  BindError: BindError;
  ConnectError: ConnectError;
  ResponseTimeoutError: ResponseTimeoutError;
  SessionClosedError: SessionClosedError;
  WindowTimeoutError: WindowTimeoutError;
  InvalidMessageError: InvalidMessageError;
  InvalidOptionsError: InvalidOptionsError;
  NotBoundError: NotBoundError;
  QueueFullError: QueueFullError;
  SubmitError: SubmitError;
  MissingPeerDependencyError: MissingPeerDependencyError;
  QueueMessageFormatError: QueueMessageFormatError;
  InvalidRouteError: InvalidRouteError;
  NoRouteError: NoRouteError;
  RouteExhaustedError: RouteExhaustedError;
}
