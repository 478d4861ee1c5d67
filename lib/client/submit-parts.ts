import { performance } from 'node:perf_hooks';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import type { HookContext, ResponseHookContext } from '../hooks/smpp-hooks.interface.js';
import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import { CommandStatus } from '../protocol/command-status.js';
import type { GenericNack, Pdu, SubmitSmResp } from '../protocol/pdu.types.js';
import type { RequestReceiver } from '../session/pending-request.js';
import type { SmppSession } from '../session/smpp-session.js';
import type { SubmitSmInput } from './build-submit-pdus.js';
import type { ClientContext } from './client-context.js';
import { isThenable } from './is-thenable.js';
import { callAfterResponse, callBeforeRequest } from './run-hook.js';
import { toError } from '../errors/to-error.js';

/** How the submit of all parts of one message ended. */
export type PartsOutcome =
  | { kind: 'accepted'; messageIds: string[] }
  | {
      kind: 'rejected';
      partIndex: number;
      commandStatus: number;
      responseCommand: string;
      acceptedMessageIds: string[];
      /** By part position: the message id of each part the SMSC accepted (multi-part messages only). */
      partMessageIds?: Array<string | undefined>;
    }
  | {
      kind: 'error';
      partIndex: number;
      error: Error;
      acceptedMessageIds: string[];
      partMessageIds?: Array<string | undefined>;
    };

/** A part that failed: rejected by the SMSC, or no answer. */
type PartFailure = Exclude<PartsOutcome, { kind: 'accepted' }>;

/** Who a submit is for, as hooks and the correlator see it. */
export interface SubmitOwner {
  correlationId: string;
  metadata?: Record<string, unknown>;
  trace?: MessageTraceContext;
}

/**
 * The afterResponse context: the beforeRequest one plus the response and the time since `startedAt`. Written
 * out field by field because V8 makes `{ ...context, response }` cost about half a microsecond, once per part
 * on the send path.
 */
function withResponse(context: HookContext, response: Pdu, startedAt: number): ResponseHookContext {
  return {
    client: context.client,
    request: context.request,
    correlationId: context.correlationId,
    metadata: context.metadata,
    trace: context.trace,
    response,
    elapsedMs: performance.now() - startedAt,
  };
}

/**
 * The hook context of one part, after calling `beforeRequest` with it; undefined when the client has no hooks
 * (the send path then skips them entirely). The sequence_number is assigned by the session when the PDU is
 * written.
 */
function openHookContext(
  ctx: ClientContext,
  pdu: SubmitSmInput,
  owner: SubmitOwner,
): HookContext | undefined {
  ctx.ledger?.submit(pdu, owner);
  const hooks = ctx.hooks;
  if (!hooks?.beforeRequest && !hooks?.afterResponse) return undefined;
  const context: HookContext = {
    client: ctx.name,
    request: pdu as Pdu,
    correlationId: owner.correlationId,
    metadata: owner.metadata,
    trace: owner.trace,
  };
  if (hooks.beforeRequest) callBeforeRequest(ctx, hooks, context);
  return context;
}

/** Calls `afterResponse` (if any) for a part opened with {@link openHookContext}. */
function closeHookContext(ctx: ClientContext, context: HookContext, response: Pdu, startedAt: number): void {
  const hooks = ctx.hooks;
  if (hooks?.afterResponse) callAfterResponse(ctx, hooks, withResponse(context, response, startedAt));
}

/** Told the combined outcome of a message's parts, once (the send loop's in-flight record is one). */
export interface PartsReceiver {
  partsDone(outcome: PartsOutcome): void;
}

/**
 * Submits every part of a message on one session, concurrently (they share the window), and reports the
 * combined outcome once every part has an answer.
 *
 * @remarks
 * Each accepted part's message id is stored in the correlator as soon as its response arrives, before the
 * other parts finish, so a receipt racing the last submit_sm_resp still finds its message. The throttle
 * handler hears every response status; hooks run around every part.
 */
export function submitParts(
  ctx: ClientContext,
  session: SmppSession,
  pdus: readonly SubmitSmInput[],
  owner: SubmitOwner,
  timeoutMs?: number,
): Promise<PartsOutcome> {
  return new Promise((resolve) =>
    submitPartsTo(ctx, session, pdus, owner, { partsDone: resolve }, timeoutMs),
  );
}

/**
 * {@link submitParts} for the send loop: the outcome goes to `receiver` (exactly once, never synchronously
 * within this call), which spares the promises a message would otherwise take on its way through.
 */
export function submitPartsTo(
  ctx: ClientContext,
  session: SmppSession,
  pdus: readonly SubmitSmInput[],
  owner: SubmitOwner,
  receiver: PartsReceiver,
  timeoutMs?: number,
): void {
  const count = pdus.length;
  const options = timeoutMs === undefined ? undefined : { timeoutMs };
  if (count === 1) {
    const pdu = pdus[0];
    const context = openHookContext(ctx, pdu, owner);
    ctx.counters.submitted++;
    session.requestWithCallback(
      pdu,
      new SinglePartSubmit(ctx, pdu, owner, receiver, context, context === undefined ? 0 : performance.now()),
      options,
    );
    return;
  }
  const messageIds = new Array<string>(count);
  const stores: Array<PromiseLike<unknown>> = [];
  let firstFailure = undefined as PartFailure | undefined;
  let remaining = count;

  ctx.counters.submitted++;
  const finish = (): void => {
    if (firstFailure === undefined) {
      receiver.partsDone({ kind: 'accepted', messageIds });
    } else {
      const accepted = messageIds.filter((id) => id !== undefined);
      receiver.partsDone({
        ...firstFailure,
        acceptedMessageIds: accepted,
        partMessageIds: messageIds,
      } as PartsOutcome);
    }
  };
  const settle = (): void => {
    if (--remaining > 0) return;
    if (stores.length === 0) finish();
    else Promise.all(stores).then(finish, finish);
  };

  for (let i = 0; i < count; i++) {
    const pdu = pdus[i];
    const context = openHookContext(ctx, pdu, owner);
    const startedAt = context === undefined ? 0 : performance.now();
    session.requestWithCallback(
      pdu,
      (error, pdu_) => {
        if (error !== undefined) {
          if (firstFailure === undefined || firstFailure.kind !== 'error') {
            firstFailure = { kind: 'error', partIndex: i, error, acceptedMessageIds: [] };
          }
          settle();
          return;
        }
        const response = pdu_ as SubmitSmResp | GenericNack;
        ctx.throttle.onResponse(response.command_status);
        if (context !== undefined) closeHookContext(ctx, context, response, startedAt);
        if (response.command_status === 0 && response.command === 'submit_sm_resp') {
          messageIds[i] = response.message_id;
          if (pdu.registered_delivery) {
            const stored = storeCorrelation(ctx, response.message_id, owner, i, count);
            if (stored) stores.push(stored);
          }
        } else if (
          firstFailure === undefined ||
          (firstFailure.kind !== 'error' && i < firstFailure.partIndex)
        ) {
          firstFailure = {
            kind: 'rejected',
            partIndex: i,
            // ESME_RUNKNOWNERR stands in for a generic_nack that (wrongly) carried status 0.
            commandStatus: response.command_status || CommandStatus.ESME_RUNKNOWNERR,
            responseCommand: response.command,
            acceptedMessageIds: [],
          };
        }
        settle();
      },
      options,
    );
  }
}

/**
 * The common case, a single-part message: the session tells this object how its one request ended, and it
 * tells the receiver. One object holds what a closure and its context held (no promise, no bookkeeping arrays).
 */
class SinglePartSubmit implements RequestReceiver {
  constructor(
    private readonly ctx: ClientContext,
    private readonly pdu: SubmitSmInput,
    private readonly owner: SubmitOwner,
    private readonly receiver: PartsReceiver,
    /** The part's hook context; undefined when the client has no hooks. */
    private readonly context: HookContext | undefined,
    /** performance.now() when it was submitted (0 without hooks: only afterResponse reads it). */
    private readonly startedAt: number,
  ) {}

  requestDone(error: Error | undefined, pdu?: Pdu): void {
    const { ctx, receiver } = this;
    if (error !== undefined) {
      receiver.partsDone({ kind: 'error', partIndex: 0, error, acceptedMessageIds: [] });
      return;
    }
    const response = pdu as SubmitSmResp | GenericNack;
    ctx.throttle.onResponse(response.command_status);
    if (this.context !== undefined) closeHookContext(ctx, this.context, response, this.startedAt);
    if (response.command_status !== 0 || response.command !== 'submit_sm_resp') {
      receiver.partsDone({
        kind: 'rejected',
        partIndex: 0,
        // ESME_RUNKNOWNERR stands in for a generic_nack that (wrongly) carried status 0.
        commandStatus: response.command_status || CommandStatus.ESME_RUNKNOWNERR,
        responseCommand: response.command,
        acceptedMessageIds: [],
      });
      return;
    }
    const outcome: PartsOutcome = { kind: 'accepted', messageIds: [response.message_id] };
    // registered_delivery 0 asks for no receipt, acknowledgement or notification (SMPP 3.4 §5.2.17):
    // nothing will ever look this id up, so storing it would only fill the correlator.
    const stored = this.pdu.registered_delivery
      ? storeCorrelation(ctx, response.message_id, this.owner, 0, 1)
      : undefined;
    if (stored === undefined) receiver.partsDone(outcome);
    else stored.then(() => receiver.partsDone(outcome));
  }
}

function storeCorrelation(
  ctx: ClientContext,
  rawId: string,
  owner: SubmitOwner,
  partIndex: number,
  partCount: number,
): PromiseLike<unknown> | undefined {
  const entry: CorrelationEntry = {
    messageId: ctx.options.correlation.normalizeMessageId(rawId),
    correlationId: owner.correlationId,
    metadata: owner.metadata,
    trace: owner.trace,
    partIndex,
    partCount,
    submittedAt: Date.now(),
  };
  ctx.ledger?.correlating(entry, owner);
  // A receipt for this id may be waiting already (it came before this submit_sm_resp). This process knows the
  // entry even when storing it failed, so a receipt waiting here is told either way.
  try {
    const result = ctx.correlator.put(entry);
    if (isThenable(result)) {
      return result.then(
        () => ctx.correlationStored(entry),
        (error: unknown) => putFailed(ctx, entry, rawId, error),
      );
    }
    ctx.correlationStored(entry);
  } catch (error) {
    putFailed(ctx, entry, rawId, error);
  }
  return undefined;
}

function putFailed(ctx: ClientContext, entry: CorrelationEntry, rawId: string, error: unknown): void {
  ctx.warn('correlator.put failed: later receipts for this message will not be correlated', toError(error), {
    correlationId: entry.correlationId,
    messageId: rawId,
  });
  ctx.correlationStored(entry);
}
