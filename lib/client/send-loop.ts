import { statusName } from '../protocol/command-status.js';
import { PduEncodeError } from '../protocol/errors/pdu-encode.error.js';
import type { QueueDelivery } from '../queue/outbound-queue.interface.js';
import { isAdjustableRateLimiter } from '../rate-limit/adjustable-rate-limiter.interface.js';
import { SessionClosedError } from '../session/errors/session-closed.error.js';
import { WindowTimeoutError } from '../session/errors/window-timeout.error.js';
import type { SmppSession } from '../session/smpp-session.js';
import { backoffDelay, MESSAGE_RETRY_JITTER, MESSAGE_RETRY_MULTIPLIER } from './backoff.js';
import { buildSubmitPdus, type SubmitSmInput } from './build-submit-pdus.js';
import type { ClientContext } from './client-context.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import { failureOf, reportFailed } from './message-failure.js';
import {
  type DispatchAttempt,
  firstAttempt,
  InFlightMessage,
  type InFlightOwner,
} from './in-flight-message.js';
import { IntrusiveList } from './intrusive-list.js';
import { Notifier, sleep } from './signal-utils.js';
import { toError } from '../errors/to-error.js';
import { submitPartsTo, type PartsOutcome } from './submit-parts.js';
import { validateOutboundMessage } from './validate-outbound-message.js';
import { SETTLED } from '../queue/settled.js';
import { THROTTLE_STATUSES } from '../throttle/throttle-statuses.js';

/** A throttled message held back, to go out first when the pause ends (keeps traffic in order). */
interface HeldMessage extends DispatchAttempt {
  readyAt: number;
}

/** What a send loop needs from its session's supervisor. */
export interface SendLoopSession {
  readonly session: SmppSession;
  /** Aborted when the current bound period ends or the client stops (already aborted when not bound). */
  readonly boundSignal: AbortSignal;
}

/**
 * Moves messages from the outbound queue to one session, keeping its window full.
 *
 * @remarks
 * Takes as many messages as there are free window slots in one `receive(max)` and submits them without
 * waiting for responses (SMPP 5.0 §2.6.5 asynchronous windowing). Only when the session is bound, the throttle
 * handler allows, and the rate limiter has tokens for every part. Outcomes: accepted → ack; permanent error →
 * ack + 'failed'; transient error → retry with backoff (throttled messages are held and resubmitted first,
 * so traffic keeps its order; others are nacked with a delay), then 'failed' beyond `retry.maxAttempts`;
 * connection lost → nack with requeue. Nothing is dropped silently.
 */
export class SendLoop implements InFlightOwner {
  private pendingPdus = 0;
  private readonly inFlight = new IntrusiveList<InFlightMessage>();
  private held: HeldMessage[] = [];
  private readonly wakeup = new Notifier();
  private nextOrder = 0;
  private running: Promise<void> | undefined;
  private draining = false;
  /** Interrupts a waiting queue.receive(); replaced once aborted. */
  private receiving: AbortController | undefined;
  private receivingBound: AbortSignal | undefined;
  private receivingListener: (() => void) | undefined;

  constructor(
    private readonly ctx: ClientContext,
    private readonly link: SendLoopSession,
    private readonly stopSignal: AbortSignal,
    /** Called whenever in-flight work settles (the client's drain waits on it). */
    private readonly onSettled: () => void,
  ) {}

  /** Submit PDUs of this loop awaiting a response. */
  get inFlightPdus(): number {
    return this.pendingPdus;
  }

  /** Messages of this loop awaiting their outcome. */
  get inFlightMessages(): number {
    return this.inFlight.size;
  }

  /** Throttled messages held for resubmission. */
  get heldMessages(): number {
    return this.held.length;
  }

  start(): void {
    this.running ??= this.run().catch((error: unknown) => {
      this.ctx.warn('send loop crashed; messages stay in the queue', toError(error));
    });
  }

  /** Re-checks the loop's conditions (session state, window, held messages). */
  notify(): void {
    this.wakeup.notify();
  }

  /** Resolves when the loop has stopped taking messages (after the stop signal). */
  async stopped(): Promise<void> {
    this.wakeup.notify();
    await this.running;
  }

  /** The session stopped being bound: held messages go back to the queue, so any session may take them. */
  releaseHeld(reason: string): void {
    const held = this.held;
    this.held = [];
    for (const h of held) this.nack(h.delivery, 0, reason);
    this.wakeup.notify();
  }

  /** Stop: from now on, transient failures go back to the queue instead of being held here. */
  beginDrain(): void {
    this.draining = true;
    this.releaseHeld('client stopping');
  }

  /**
   * Gives up waiting for the responses still outstanding: every such message is nacked with requeue, so it is
   * back in the queue. A response arriving later is ignored (the message may then be sent twice: at-least-once).
   */
  abandonInFlight(reason: string): number {
    let count = 0;
    for (const record of this.inFlight) {
      if (record.settled) continue;
      record.settled = true;
      count++;
      this.nack(record.delivery, 0, reason);
    }
    return count;
  }

  private async run(): Promise<void> {
    const { ctx, stopSignal } = this;
    while (!stopSignal.aborted) {
      const session = this.link.session;
      if (session.state !== 'bound') {
        if (this.held.length > 0) this.releaseHeld('session not bound');
        await this.wakeup.wait(stopSignal);
        continue;
      }
      const free = session.windowSize - this.pendingPdus;
      if (free <= 0) {
        await this.wakeup.wait(stopSignal);
        continue;
      }
      const pause = ctx.throttle.delayMs();
      if (pause > 0) {
        await sleep(pause, this.link.boundSignal);
        continue;
      }
      if (this.held.length > 0) {
        const head = this.held[0];
        const wait = head.readyAt - Date.now();
        if (wait > 0) {
          await this.wakeup.wait(stopSignal, wait);
          continue;
        }
        this.held.shift();
        this.dispatch(
          new InFlightMessage(this, head.delivery, head.localRetries, head.throttledRetries, head.order),
        );
        continue;
      }
      let deliveries: QueueDelivery[];
      // The wait in receive() ends when the session stops being bound, the client stops, or a throttled
      // message is held (it must go out before anything new). One interrupt serves many receives.
      const interrupt = this.interruptFor(this.link.boundSignal);
      try {
        deliveries = interrupt.aborted ? [] : await ctx.queue.receive(free, interrupt);
      } catch (error) {
        ctx.warn('queue.receive failed; retrying in 1 s', toError(error));
        await sleep(1000, stopSignal);
        continue;
      }
      for (const delivery of deliveries) this.dispatch(firstAttempt(this, delivery, this.nextOrder++));
    }
  }

  /** The signal for queue.receive: aborted with the bound period, or by `hold()`. */
  private interruptFor(bound: AbortSignal): AbortSignal {
    const current = this.receiving;
    if (current && !current.signal.aborted && this.receivingBound === bound) return current.signal;
    if (this.receivingBound && this.receivingListener) {
      this.receivingBound.removeEventListener('abort', this.receivingListener);
    }
    const controller = new AbortController();
    const listener = () => controller.abort();
    bound.addEventListener('abort', listener, { once: true });
    this.receiving = controller;
    this.receivingBound = bound;
    this.receivingListener = listener;
    return controller.signal;
  }

  /** Builds (when `send()` did not) and submits one attempt, or fails it when the message cannot be sent. */
  private dispatch(record: InFlightMessage): void {
    const { ctx } = this;
    const delivery = record.delivery;
    const message = delivery.message;
    let pdus = ctx.built.get(message);
    if (pdus === undefined) {
      // Enqueued by another producer (or read back from a durable queue): validate here, never on the wire.
      if (delivery.unsendable !== undefined) {
        this.failPermanently(delivery, delivery.unsendable, record.attempt, undefined);
        return;
      }
      try {
        validateOutboundMessage(message, ctx.options.defaults);
        pdus = buildSubmitPdus(message, ctx.options, ctx.codecs, ctx.nextReference());
      } catch (error) {
        this.failPermanently(delivery, toError(error), record.attempt, undefined);
        return;
      }
    }
    record.parts = pdus.length;
    const accepted = pdus.length > 1 ? ctx.acceptedParts.get(message) : undefined;
    let toSend: readonly SubmitSmInput[] = pdus;
    if (accepted !== undefined) {
      // A retry of a long message: the parts the SMSC already accepted are not sent again (same reference,
      // same part numbers: the handset still joins them).
      const indices: number[] = [];
      for (let i = 0; i < pdus.length; i++) if (accepted[i] === undefined) indices.push(i);
      record.resend = { indices, accepted };
      toSend = indices.map((i) => pdus[i]);
    }
    this.inFlight.add(record);
    this.pendingPdus += pdus.length;
    const limiter = ctx.rateLimiter;
    if (limiter === undefined || (isAdjustableRateLimiter(limiter) && limiter.tryAcquire(toSend.length))) {
      this.submit(record, toSend);
      return;
    }
    limiter.acquire(toSend.length, this.stopSignal).then(
      () => this.submit(record, toSend),
      (error: unknown) =>
        this.onOutcome(record, {
          kind: 'error',
          partIndex: 0,
          error: new SessionClosedError('client stopping', toError(error)),
          acceptedMessageIds: [],
        }),
    );
  }

  private submit(record: InFlightMessage, pdus: readonly SubmitSmInput[]): void {
    // The queued message is its own owner (correlationId, metadata): hooks and the correlator read those
    // two fields and keep no reference to it. The record hears the outcome (see messageDone).
    submitPartsTo(this.ctx, this.link.session, pdus, record.delivery.message, record);
  }

  /** The outcome of a record's parts (called by the record, see {@link InFlightMessage.partsDone}). */
  messageDone(record: InFlightMessage, outcome: PartsOutcome): void {
    this.onOutcome(record, record.parts > 1 ? this.wholeMessage(record, outcome) : outcome);
  }

  /**
   * Maps a long message's outcome back to the whole message (when only some parts were sent) and remembers
   * which parts the SMSC accepted, so a retry resends only the others.
   */
  private wholeMessage(record: InFlightMessage, outcome: PartsOutcome): PartsOutcome {
    const message = record.delivery.message;
    const resend = record.resend;
    if (outcome.kind === 'accepted') {
      this.ctx.acceptedParts.delete(message);
      if (resend === undefined) return outcome;
      const ids = resend.accepted.slice();
      resend.indices.forEach((part, k) => (ids[part] = outcome.messageIds[k]));
      return { kind: 'accepted', messageIds: ids as string[] };
    }
    const sentIds = outcome.partMessageIds ?? [];
    const ids = resend ? resend.accepted.slice() : Array.from<string | undefined>({ length: record.parts });
    for (let k = 0; k < sentIds.length; k++) {
      const id = sentIds[k];
      if (id !== undefined) ids[resend ? resend.indices[k]! : k] = id;
    }
    const acceptedIds = ids.filter((id): id is string => id !== undefined);
    if (acceptedIds.length > 0) this.ctx.acceptedParts.set(message, ids);
    const partIndex = resend ? (resend.indices[outcome.partIndex] ?? outcome.partIndex) : outcome.partIndex;
    return { ...outcome, partIndex, acceptedMessageIds: acceptedIds, partMessageIds: ids };
  }

  private onOutcome(record: InFlightMessage, outcome: PartsOutcome): void {
    this.inFlight.delete(record);
    this.pendingPdus -= record.parts;
    this.wakeup.notify();
    try {
      this.handleOutcome(record, outcome);
    } finally {
      this.onSettled();
    }
  }

  private handleOutcome(record: InFlightMessage, outcome: PartsOutcome): void {
    const { ctx } = this;
    const { delivery, attempt } = record;
    const message = delivery.message;
    if (record.settled) {
      if (outcome.kind === 'accepted') {
        ctx.logger.warn(
          'a message put back in the queue at shutdown was accepted after all; it may be sent twice',
          {
            correlationId: message.correlationId,
            messageIds: outcome.messageIds,
          },
        );
      }
      return;
    }
    record.settled = true;

    if (outcome.kind === 'accepted') {
      ctx.counters.accepted++;
      this.settle(delivery.ack(), 'ack');
      ctx.ledger?.submitted(message, outcome.messageIds, attempt);
      if (ctx.listening.has.submitted) {
        ctx.emit('submitted', {
          client: ctx.name,
          correlationId: message.correlationId,
          messageIds: outcome.messageIds,
          attempts: attempt,
          metadata: message.metadata,
          trace: message.trace,
        });
      }
      return;
    }

    if (outcome.kind === 'rejected') {
      const status = outcome.commandStatus;
      const { error, reason } = failureOf(outcome, record.parts, message.correlationId);
      if (ctx.options.retry.transientStatusCodes.has(status)) {
        this.retryOrFail(record, reason, error, status, THROTTLE_STATUSES.has(status));
      } else {
        this.failPermanently(delivery, error, attempt, status);
      }
      return;
    }

    const error = outcome.error;
    if (error instanceof SessionClosedError || error instanceof WindowTimeoutError) {
      // Connection lost (or never sent): not the message's fault, so it does not count toward maxAttempts.
      this.announceRetry(record, error.name, 0);
      this.nack(delivery, 0, error.message);
    } else if (error instanceof PduEncodeError || error instanceof InvalidMessageError) {
      this.failPermanently(delivery, error, attempt, undefined);
    } else {
      // ResponseTimeoutError and anything unexpected: the SMSC may or may not have it; retry (at-least-once).
      this.retryOrFail(record, error.name, error, undefined, false);
    }
  }

  private retryOrFail(
    record: InFlightMessage,
    reason: string,
    error: Error,
    commandStatus: number | undefined,
    throttled: boolean,
  ): void {
    const { ctx } = this;
    const retry = ctx.options.retry;
    // A throttled message held while bound is resubmitted without using up maxAttempts (its own budget is
    // maxThrottledAttempts); one that must go back to the queue (not bound, draining) counts as an attempt.
    const hold =
      throttled && !this.draining && !this.stopSignal.aborted && this.link.session.state === 'bound';
    const exhausted = hold
      ? record.throttledRetries + 1 >= retry.maxThrottledAttempts
      : record.attempt >= retry.maxAttempts;
    if (exhausted) {
      const sends = record.attempt + record.throttledRetries;
      this.fail(record.delivery, error, sends, commandStatus, reason, false);
      return;
    }
    const delay = backoffDelay(hold ? 1 : record.attempt, {
      ...retry,
      multiplier: MESSAGE_RETRY_MULTIPLIER,
      jitter: MESSAGE_RETRY_JITTER,
    });
    if (hold) {
      const readyAt = Date.now() + Math.max(delay, ctx.throttle.delayMs());
      this.announceRetry(record, reason, readyAt - Date.now());
      this.hold({
        delivery: record.delivery,
        localRetries: record.localRetries + 1,
        throttledRetries: record.throttledRetries + 1,
        readyAt,
        order: record.order,
      });
    } else {
      this.announceRetry(record, reason, delay);
      this.nack(record.delivery, delay, reason);
    }
  }

  private hold(held: HeldMessage): void {
    // Sorted by original order, so the earliest throttled message goes out first.
    let i = this.held.length;
    while (i > 0 && this.held[i - 1].order > held.order) i--;
    this.held.splice(i, 0, held);
    this.receiving?.abort();
    this.wakeup.notify();
  }

  private announceRetry(record: InFlightMessage, reason: string, delayMs: number): void {
    const { ctx } = this;
    ctx.counters.retried++;
    if (ctx.listening.has.retry) {
      const message = record.delivery.message;
      ctx.emit('retry', {
        client: ctx.name,
        correlationId: message.correlationId,
        reason,
        attempt: record.attempt,
        delayMs,
        metadata: message.metadata,
      });
    }
  }

  /**
   * A failure no retry can fix, reported. An SMSC rejection is done: acked, with the rejection for queues
   * that keep those too. A message that cannot be sent as it stands (invalid, unreadable) is dead-lettered
   * with the error's text (field and rule) as the reason.
   */
  private failPermanently(
    delivery: QueueDelivery,
    error: Error,
    attempt: number,
    commandStatus: number | undefined,
  ): void {
    const reason = commandStatus !== undefined ? statusName(commandStatus) : error.name;
    this.fail(delivery, error, attempt, commandStatus, reason, commandStatus !== undefined);
  }

  private fail(
    delivery: QueueDelivery,
    error: Error,
    attempt: number,
    commandStatus: number | undefined,
    reason: string,
    rejected: boolean,
  ): void {
    const { ctx } = this;
    const message = delivery.message;
    // SMSC rejections are done (ack); exhausted retries and unsendable messages go to the dead-letter store.
    if (rejected) this.settle(delivery.ack({ rejectedReason: error.message }), 'ack');
    else {
      const deadLetterReason = commandStatus === undefined ? `${error.name}: ${error.message}` : reason;
      this.settle(delivery.nack({ requeue: false, reason: deadLetterReason }), 'nack');
    }
    ctx.logger.warn('message failed', {
      correlationId: message.correlationId,
      reason,
      attempts: attempt,
      error,
    });
    reportFailed(ctx, message, { error, commandStatus, reason }, attempt);
  }

  private nack(delivery: QueueDelivery, delayMs: number, reason: string): void {
    this.settle(delivery.nack({ requeue: true, delayMs, reason }), 'nack');
  }

  private settle(result: Promise<void>, what: string): void {
    if (result === SETTLED) return; // the in-memory queue: done already, nothing can fail later
    result.then(undefined, (error: unknown) =>
      this.ctx.warn(`queue ${what} failed; the queue may deliver the message again`, toError(error)),
    );
  }
}
