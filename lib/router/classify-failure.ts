import { InvalidMessageError } from '../client/errors/invalid-message.error.js';
import { NotBoundError } from '../client/errors/not-bound.error.js';
import { SubmitError } from '../client/errors/submit.error.js';
import { PduEncodeError } from '../protocol/errors/pdu-encode.error.js';
import { ResponseTimeoutError } from '../session/errors/response-timeout.error.js';
import { SessionClosedError } from '../session/errors/session-closed.error.js';
import { WindowTimeoutError } from '../session/errors/window-timeout.error.js';
import type { FailoverReason } from './router-events.interface.js';

/** What the router does with a client's failure. */
export type FailureVerdict =
  | {
      kind: 'permanent';
      /** Status name or error class. */
      reason: string;
      commandStatus?: number;
    }
  | {
      kind: 'elsewhere';
      reason: FailoverReason;
      /** The status name for `status`. */
      status?: string;
      commandStatus?: number;
      /** Counts toward the client's circuit breaker (the SMSC's fault, not the message's nor ours). */
      countsForCircuit: boolean;
      /** The SMSC may have accepted the message although we have no answer. */
      mayDuplicate: boolean;
    };

/**
 * Sorts a failed `client.submit()` into "fail the message" or "try the next client", and says whether the first
 * SMSC may have the message anyway.
 *
 * @remarks
 * Only two failures leave the message's fate unknown at the first SMSC: a response timeout (SMPP 5.0 §2.7: the
 * operation is "assumed to have failed", yet the SMSC may have acted on it) and a connection lost with the
 * request outstanding. Those are the only ways the router can put one message on two SMSCs, besides a long
 * message some of whose parts the first SMSC accepted (`partsAccepted`): the next client sends it whole (the
 * parts of one concatenated set cannot be split across SMSCs), so the accepted parts reach the handset twice.
 */
export function classifyFailure(
  error: unknown,
  failoverStatuses: ReadonlySet<number>,
  partsAccepted = false,
): FailureVerdict {
  if (error instanceof SubmitError) {
    const { commandStatus, statusName } = error;
    if (failoverStatuses.has(commandStatus)) {
      return {
        kind: 'elsewhere',
        reason: 'status',
        status: statusName,
        commandStatus,
        countsForCircuit: true,
        mayDuplicate: partsAccepted,
      };
    }
    return { kind: 'permanent', reason: statusName, commandStatus };
  }
  if (error instanceof InvalidMessageError || error instanceof PduEncodeError) {
    return { kind: 'permanent', reason: error.name };
  }
  if (error instanceof NotBoundError) {
    return { kind: 'elsewhere', reason: 'unbound', countsForCircuit: false, mayDuplicate: partsAccepted };
  }
  if (error instanceof WindowTimeoutError) {
    // Never written: the client's window stayed full for windowWaitTimeoutMs.
    return { kind: 'elsewhere', reason: 'queue-full', countsForCircuit: false, mayDuplicate: partsAccepted };
  }
  if (error instanceof ResponseTimeoutError) {
    return { kind: 'elsewhere', reason: 'timeout', countsForCircuit: true, mayDuplicate: true };
  }
  if (error instanceof SessionClosedError) {
    return { kind: 'elsewhere', reason: 'connection-lost', countsForCircuit: true, mayDuplicate: true };
  }
  // Anything unexpected: the client's own send loop treats it as transient (at-least-once); so does the router.
  return { kind: 'elsewhere', reason: 'connection-lost', countsForCircuit: true, mayDuplicate: true };
}
