import type { FailedEvent, SubmittedEvent } from '../../client/client-events.interface.js';

/**
 * What an `@OnSubmitResult()` handler receives, once per message: accepted by the SMSC (with a message id per
 * part) or failed for good (with the status or error). With `routerAttempts: true`, also each attempt of a
 * router on the client, marked by `router` (not the message's fate: see `@OnRouterResult()`).
 */
export type SubmitResultEvent =
  (SubmittedEvent & { status: 'submitted' }) | (FailedEvent & { status: 'failed' });
