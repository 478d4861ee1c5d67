import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import { statusName } from '../protocol/command-status.js';
import type { ClientContext } from './client-context.js';
import { SubmitError } from './errors/submit.error.js';
import type { PartsOutcome } from './submit-parts.js';

/** What a message's failed submit stands for: the error, the SMSC's status (when it answered) and the reason. */
export interface MessageFailure {
  readonly error: Error;
  /** The command_status of an SMSC rejection; undefined for a local error (timeout, lost connection...). */
  readonly commandStatus: number | undefined;
  /** The status name (`ESME_RINVDSTADR`) of a rejection, else the error's class name. */
  readonly reason: string;
}

/**
 * The failure a submit outcome stands for: an SMSC rejection becomes a {@link SubmitError} naming its status
 * and part, a local error stays itself. One place for `submit()` and the send loop, so both report a failure
 * the same way.
 */
export function failureOf(
  outcome: Exclude<PartsOutcome, { kind: 'accepted' }>,
  partCount: number,
  correlationId: string,
): MessageFailure {
  if (outcome.kind === 'error') {
    return { error: outcome.error, commandStatus: undefined, reason: outcome.error.name };
  }
  const commandStatus = outcome.commandStatus;
  const reason = statusName(commandStatus);
  const error = new SubmitError({
    commandStatus,
    statusName: reason,
    partIndex: outcome.partIndex,
    partCount,
    correlationId,
    acceptedMessageIds: outcome.acceptedMessageIds,
    responseCommand: outcome.responseCommand === 'submit_sm_resp' ? undefined : outcome.responseCommand,
  });
  return { error, commandStatus, reason };
}

/**
 * Reports a message's final failure: counted under its reason (`stats().failedByStatus`) and emitted as
 * 'failed'. The caller settles the message (queue ack or nack, or the rejection of `submit()`).
 */
export function reportFailed(
  ctx: ClientContext,
  message: {
    readonly correlationId: string;
    readonly metadata?: Record<string, unknown>;
    readonly trace?: MessageTraceContext;
  },
  failure: MessageFailure,
  attempts: number,
  attempt?: { router?: string; acceptedMessageIds?: readonly string[] },
): void {
  const { error, commandStatus, reason } = failure;
  ctx.counters.fail(reason);
  ctx.emit('failed', {
    client: ctx.name,
    correlationId: message.correlationId,
    ...(commandStatus !== undefined ? { commandStatus } : {}),
    reason,
    error,
    attempts,
    metadata: message.metadata,
    trace: message.trace,
    // `submit()` of a router's attempt: which router, and the parts of a long message already accepted.
    ...(attempt?.acceptedMessageIds !== undefined && attempt.acceptedMessageIds.length > 0
      ? { acceptedMessageIds: [...attempt.acceptedMessageIds] }
      : {}),
    ...(attempt?.router !== undefined ? { router: attempt.router } : {}),
  });
}
