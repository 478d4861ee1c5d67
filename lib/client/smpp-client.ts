import { EventEmitter, setMaxListeners } from 'node:events';
import { fastRandomUuid } from '../correlation/fast-random-uuid.js';
import { composeHooks } from '../hooks/compose-hooks.js';
import { encodePdu } from '../protocol/codec/encode-pdu.js';
import { PduEncodeError } from '../protocol/errors/pdu-encode.error.js';
import type { DataSm, DeliverSm, QuerySmResp } from '../protocol/pdu.types.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';
import { recordClientInLedger } from './record-client-in-ledger.js';
import type { OutboundQueue, QueuedMessage } from '../queue/outbound-queue.interface.js';
import { isAdjustableRateLimiter } from '../rate-limit/adjustable-rate-limiter.interface.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.interface.js';
import type { SessionState } from '../session/session-state.js';
import type { ClientState } from './client-state.js';
import type { SmppSession } from '../session/smpp-session.js';
import { BuiltPdus } from './built-pdus.js';
import { buildSubmitPdus, type SubmitSmInput } from './build-submit-pdus.js';
import type { ClientContext } from './client-context.js';
import { createClientContext, type ClosablePolicy } from './create-client-context.js';
import type {
  DeliveryReceiptEvent,
  InboundMessageEvent,
  SmppClientEvents,
} from './client-events.interface.js';
import type { ClientStats } from './client-stats.interface.js';
import { CongestionController } from './congestion-controller.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import { NotBoundError } from './errors/not-bound.error.js';
import { failureOf, reportFailed } from './message-failure.js';
import { SmscRequests, type CancelOptions, type QueryOptions, type ReplaceOptions } from './smsc-requests.js';
import { InboundDispatcher, type InboundHandler } from './inbound-dispatcher.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';
import { SendLoop } from './send-loop.js';
import { collectClientStats, QueueDepthReader } from './collect-client-stats.js';
import { SessionSupervisor } from './session-supervisor.js';
import { Notifier, sleep } from './signal-utils.js';
import type { SmppClientOptions } from './smpp-client-options.interface.js';
import type { SmppClientPolicies } from './smpp-client-policies.interface.js';
import type { SubmitResult } from './submit-result.interface.js';
import type { StopResult } from './stop-result.interface.js';
import { reportUnsent, restoreSpill } from './unsent-messages.js';
import { toError } from '../errors/to-error.js';
import { submitParts } from './submit-parts.js';
import { validateOutboundMessage } from './validate-outbound-message.js';
import { SETTLED } from '../queue/settled.js';
import type { MessageTracing } from '../tracing/message-tracing.interface.js';

/** Ordering of states for `client.state` when no session is bound: the most advanced one wins. */
const STATE_RANK: Record<SessionState, number> = {
  closed: 0,
  unbinding: 1,
  connecting: 2,
  binding: 3,
  bound: 4,
};

/** Options of {@link SmppClient.stop}. */
export interface StopOptions {
  /** How long to wait for in-flight responses before putting their messages back. @default options.drainTimeoutMs */
  drainTimeoutMs?: number;
}

// The options of query(), cancel() and replace() live with the requests; exported here as before.
export type { CancelOptions, QueryOptions, ReplaceOptions } from './smsc-requests.js';

/** Options of `client.submit()`. */
export interface ClientSubmitOptions {
  /** Response timeout of each part. @default responseTimeoutMs */
  timeoutMs?: number;
  /**
   * Set by an `SmppRouter` (its name): this submit is one attempt of a routed message. The 'submitted' and
   * 'failed' events carry it, so listeners tell an attempt (the router may send a failed one elsewhere) from a
   * message's fate.
   */
  router?: string;
}

/**
 * An SMPP client: one session to an SMSC (or a pool of them), kept bound, fed from an outbound queue through a
 * rate limiter and a throttle handler, with delivery receipts tied back to your correlation ids.
 *
 * @remarks
 * Every policy is pluggable (see {@link SmppClientPolicies}); the defaults are in memory. Events (see
 * {@link SmppClientEvents}): 'queued', 'submitted', 'failed', 'retry', 'deliveryReceipt', 'message', 'state', 'pdu',
 * 'warning'. A listener that throws is logged and ignored.
 *
 * @example
 * ```ts
 * const client = new SmppClient({ host: 'smsc.example', port: 2775, systemId: 'acme', password: 'secret' });
 * client.on('deliveryReceipt', (e) => console.log(e.correlationId, e.receipt.state));
 * await client.start();
 * await client.send({ to: '447700900123', text: 'Hello', correlationId: 'order-42' });
 * // ...
 * await client.stop();
 * ```
 */
export class SmppClient extends EventEmitter<SmppClientEvents> {
  /** The client's name (`options.name`). */
  readonly name: string;
  /** The options with every default applied. */
  readonly options: ResolvedSmppClientOptions;

  private readonly ctx: ClientContext;
  private readonly queue: OutboundQueue;
  private readonly messageLedger: MessageLedger | undefined;
  private readonly rateLimiter: RateLimiter | undefined;
  private readonly dispatcher: InboundDispatcher;
  private readonly requests: SmscRequests;
  private readonly congestion: CongestionController;
  private readonly supervisors: SessionSupervisor[] = [];
  private readonly loops: SendLoop[] = [];
  /** Policies built as defaults, closed on stop (yours are yours to close). */
  private readonly owned: readonly ClosablePolicy[];
  private readonly stopController = new AbortController();
  private readonly tracing: MessageTracing | undefined;
  private readonly stateChanged = new Notifier();
  private readonly settled = new Notifier();
  /** Messages already built by `send()`: the send loop reuses them instead of encoding twice. */
  private readonly built: BuiltPdus;
  private started = false;
  private stopping: Promise<StopResult> | undefined;
  private roundRobin = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly queueDepth: QueueDepthReader;

  /**
   * @param options - validated at once: an `InvalidOptionsError` names the option and the rule.
   * @param policies - your queue, rate limiter, throttle handler, hooks, correlator, logger, codecs; defaults
   * otherwise.
   */
  constructor(options: SmppClientOptions | ResolvedSmppClientOptions, policies: SmppClientPolicies = {}) {
    super();
    // Every request waiting for a window slot listens on the stop signal: a window of 10+ is normal, not a leak.
    setMaxListeners(0, this.stopController.signal);
    const created = createClientContext(options, policies, {
      emitter: this,
      correlationStored: (entry) => this.dispatcher.correlationStored(entry),
    });
    const { ctx, reassembler, userHooks } = created;
    this.ctx = ctx;
    this.owned = created.owned;
    const o = (this.options = ctx.options);
    this.name = o.name;
    this.queue = ctx.queue;
    this.rateLimiter = ctx.rateLimiter;
    this.built = ctx.built;
    this.messageLedger = policies.ledger;
    this.tracing = policies.tracing;
    // The send path calls the ledger's recorder directly (queued, submit, submitted); the rest come as events.
    if (policies.ledger)
      ctx.ledger = recordClientInLedger(this, policies.ledger, o.name, (message, error) =>
        ctx.warn(message, error),
      ).recorder;
    this.dispatcher = new InboundDispatcher(this.ctx, reassembler);
    this.requests = new SmscRequests(ctx, (what) => this.boundSession(what));
    this.queueDepth = new QueueDepthReader(ctx.queue);
    // The tracing's hooks join only once spans are recorded: hooks cost every part a context object and two
    // calls, which is most of what tracing without a provider would cost (bench/tracing-overhead.bench.ts).
    this.tracing?.attach(this, {
      systemId: o.systemId,
      onRecording: (tracingHooks) => {
        this.ctx.hooks = composeHooks(tracingHooks, userHooks);
      },
    });
    this.congestion = new CongestionController(
      o.congestionControl,
      o.windowSize,
      this.rateLimiter && isAdjustableRateLimiter(this.rateLimiter) ? this.rateLimiter : undefined,
      o.rateLimit?.perSecond ??
        (this.rateLimiter && isAdjustableRateLimiter(this.rateLimiter)
          ? this.rateLimiter.perSecond
          : undefined),
    );

    for (let i = 0; i < o.sessions; i++) {
      const supervisor = new SessionSupervisor(
        this.ctx,
        i,
        this.stopController.signal,
        {
          onStateChange: () => {
            this.stateChanged.notify();
            for (const loop of this.loops) loop.notify();
          },
          onCongestion: (session, state) => {
            this.ctx.counters.congestionState = state;
            this.congestion.onCongestion(session, state);
          },
        },
        (pdu: DeliverSm | DataSm) => this.dispatcher.handle(pdu, i),
      );
      this.supervisors.push(supervisor);
      this.loops.push(
        new SendLoop(this.ctx, supervisor, this.stopController.signal, () => this.settled.notify()),
      );
    }
    ctx.logger.debug('client created', { options: o });
  }

  /**
   * As `EventEmitter`'s; then puts back the tracking of listeners that removing every listener took (the send
   * path builds its per-message events only while someone listens).
   */
  override removeAllListeners(
    ...args: Parameters<EventEmitter<SmppClientEvents>['removeAllListeners']>
  ): this {
    super.removeAllListeners(...args);
    this.ctx.listening.refresh();
    return this;
  }

  /**
   * Listens to an event (see {@link SmppClientEvents}), typed by its name also where the name is a type
   * parameter, so code that forwards several events needs no cast.
   */
  override on<K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): this {
    return super.on(event as keyof SmppClientEvents, listener as never);
  }

  /** Removes a listener added with {@link SmppClient.on}. */
  override off<K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): this {
    return super.off(event as keyof SmppClientEvents, listener as never);
  }

  /** The message ledger recording this client's messages, when one was given (`policies.ledger`). */
  get ledger(): MessageLedger | undefined {
    return this.messageLedger;
  }

  /** The outbound queue this client consumes (yours, or the in-memory default). */
  get outboundQueue(): OutboundQueue {
    return this.queue;
  }

  /**
   * What the shared policies report about themselves (those with a `health()`: `RedisRateLimiter`,
   * `RedisBindBudget`), e.g. a rate limiter waiting for Redis. Empty for the in-memory defaults.
   */
  policyHealth(): { rateLimiter?: unknown; bindBudget?: unknown } {
    const report: { rateLimiter?: unknown; bindBudget?: unknown } = {};
    const healthOf = (policy: unknown): unknown =>
      typeof (policy as { health?: unknown } | undefined)?.health === 'function'
        ? (policy as { health(): unknown }).health()
        : undefined;
    const limiter = healthOf(this.rateLimiter);
    if (limiter !== undefined) report.rateLimiter = limiter;
    const budget = healthOf(this.ctx.bindBudget);
    if (budget !== undefined) report.bindBudget = budget;
    return report;
  }

  /**
   * `'bound'` when any session is bound; `'standby'` when none is and a session waits for a lease of the
   * account's bind budget; else the most advanced state among the sessions.
   */
  get state(): ClientState {
    let best: SessionState = 'closed';
    let standby = false;
    for (const s of this.supervisors) {
      const state = s.session.state;
      if (STATE_RANK[state] > STATE_RANK[best]) best = state;
      standby ||= s.standby;
    }
    return best !== 'bound' && standby ? 'standby' : best;
  }

  /** Whether at least one session is bound. */
  isBound(): boolean {
    return this.supervisors.some((s) => s.session.state === 'bound');
  }

  /**
   * Starts the reconnect supervisor of every session and the send loops. Resolves at once, even when the SMSC
   * is down: 'state' events and warnings show the attempts (see `waitUntilBound`). With `spillFile`, the
   * messages a previous `stop()` wrote there are queued again first.
   *
   * @throws (rejects) when the spill file exists but cannot be read.
   */
  start(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('this SmppClient was stopped; create a new one'));
    if (this.started) return Promise.resolve();
    this.started = true;
    const spillFile = this.options.spillFile;
    if (spillFile === undefined) {
      this.startRunning();
      return Promise.resolve();
    }
    return restoreSpill(spillFile, this.queue, this.ctx).then(
      () => this.startRunning(),
      (error: unknown) => {
        // Not started: fix the file (or its permissions) and call start() again.
        this.started = false;
        throw error;
      },
    );
  }

  private startRunning(): void {
    this.ctx.logger.info('client starting', {
      host: this.options.host,
      port: this.options.port,
      systemId: this.options.systemId,
      sessions: this.options.sessions,
      windowSize: this.options.windowSize,
    });
    for (const s of this.supervisors) s.start();
    for (const l of this.loops) l.start();
    const every = Math.max(1000, Math.min(60_000, Math.floor(this.options.reassembly.timeoutMs / 2)));
    this.sweepTimer = setInterval(() => void this.dispatcher.sweep(), every);
    this.sweepTimer.unref();
  }

  /**
   * Resolves once a session is bound.
   *
   * @param timeoutMs - @default connectTimeoutMs + bindTimeoutMs
   * @throws NotBoundError after the timeout (naming the last failure, e.g. ESME_RINVPASWD), or when the client
   * stopped or gave up reconnecting.
   */
  async waitUntilBound(
    timeoutMs = this.options.connectTimeoutMs + this.options.bindTimeoutMs,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.isBound()) return;
      if (this.stopping)
        throw new NotBoundError('waitUntilBound', undefined, this.lastError(), 'client stopped');
      // Every supervisor gave up (`reconnect.maxAttempts`): nothing will ever bind, so waiting on is pointless.
      if (this.supervisors.every((s) => s.gaveUp)) {
        throw new NotBoundError(
          'waitUntilBound',
          undefined,
          this.lastError(),
          `gave up reconnecting after reconnect.maxAttempts (${this.options.reconnect.maxAttempts}) failed attempts`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new NotBoundError('waitUntilBound', timeoutMs, this.lastError());
      await this.stateChanged.wait(this.stopController.signal, Math.min(left, 1000));
    }
  }

  /**
   * Validates a message and puts it in the outbound queue; resolves once it is queued.
   *
   * @returns the correlation id (yours, or a generated UUID).
   * @throws InvalidMessageError naming the field and rule (nothing is queued); QueueFullError.
   */
  send(message: OutboundMessage): Promise<{ correlationId: string }> {
    if (this.tracing) return this.sendTraced(this.tracing, message);
    return this.sendUntraced(message);
  }

  /** `send()` inside a `send smpp` span whose trace context travels in the queued message's `trace`. */
  private sendTraced(tracing: MessageTracing, message: OutboundMessage): Promise<{ correlationId: string }> {
    const trace = tracing.startSend(message, this.name);
    if (!trace) return this.sendUntraced(message);
    return this.sendUntraced(trace.message).then(
      (result) => {
        trace.end();
        return result;
      },
      (error: unknown) => {
        trace.end(error);
        throw error;
      },
    );
  }

  private sendUntraced(message: OutboundMessage): Promise<{ correlationId: string }> {
    // Not `async`: this runs once per message, and an async function's promise plus an await cost more than
    // the rest of the call (see `npm run bench:profile`).
    let queued: QueuedMessage;
    try {
      queued = this.prepare(message).message;
    } catch (error) {
      return Promise.reject(error);
    }
    const result = { correlationId: queued.correlationId };
    let enqueued: Promise<void>;
    try {
      enqueued = this.queue.enqueue(queued);
    } catch (error) {
      // A queue whose enqueue() throws instead of rejecting: the caller's `.catch()` must still see it.
      return Promise.reject(toError(error));
    }
    if (enqueued === SETTLED) {
      this.ctx.ledger?.queued(queued);
      if (this.ctx.listening.has.queued) this.ctx.emit('queued', { client: this.name, message: queued });
      return Promise.resolve(result);
    }
    return Promise.resolve(enqueued).then(() => {
      this.ctx.ledger?.queued(queued);
      if (this.ctx.listening.has.queued) this.ctx.emit('queued', { client: this.name, message: queued });
      return result;
    });
  }

  /**
   * Submits a message now, bypassing the queue but not the window, the rate limiter or the throttle handler,
   * and resolves with the SMSC's message id of each part. Not retried.
   *
   * @throws InvalidMessageError (nothing sent), SubmitError (status name and code, and which part),
   * NotBoundError, ResponseTimeoutError, SessionClosedError.
   */
  async submit(message: OutboundMessage, options: ClientSubmitOptions = {}): Promise<SubmitResult> {
    const { message: queued, pdus } = this.prepare(message);
    const correlationId = queued.correlationId;
    // No `send smpp` span here: the caller's own span is the message's trace, so that its receipt joins it too.
    if (this.tracing && queued.trace === undefined) queued.trace = this.tracing.currentTrace?.();
    // A bound session is taken at once: awaiting boundSession() would cost every message a promise and a turn.
    const session = this.readySession() ?? (await this.boundSession('submit'));
    if (this.rateLimiter) await this.rateLimiter.acquire(pdus.length, this.stopController.signal);
    const pause = this.ctx.throttle.delayMs();
    if (pause > 0) await sleep(pause, this.stopController.signal);
    const outcome = await submitParts(
      this.ctx,
      session,
      pdus,
      { correlationId, metadata: queued.metadata, trace: queued.trace },
      options.timeoutMs,
    );
    const counters = this.ctx.counters;
    if (outcome.kind === 'accepted') {
      counters.accepted++;
      this.ctx.ledger?.submitted(queued, outcome.messageIds, 1);
      // Built only when heard, as the send loop does: a router's every message comes this way.
      if (this.ctx.listening.has.submitted) {
        this.ctx.emit('submitted', {
          client: this.name,
          correlationId,
          messageIds: outcome.messageIds,
          attempts: 1,
          metadata: queued.metadata,
          router: options.router,
          trace: queued.trace,
        });
      }
      return { correlationId, messageIds: outcome.messageIds };
    }
    const failure = failureOf(outcome, pdus.length, correlationId);
    reportFailed(this.ctx, queued, failure, 1, {
      router: options.router,
      acceptedMessageIds: outcome.acceptedMessageIds,
    });
    throw failure.error;
  }

  /**
   * query_sm (SMPP 3.4 §4.8): the state of a message previously submitted.
   * @param messageId - the id from submit_sm_resp, as the SMSC gave it.
   * @throws SmscRequestError when the SMSC answers an error (e.g. ESME_RQUERYFAIL), NotBoundError.
   */
  query(messageId: string, options: QueryOptions = {}): Promise<QuerySmResp> {
    return this.requests.query(messageId, options);
  }

  /**
   * cancel_sm (SMPP 3.4 §4.9): cancels a message not yet delivered.
   * @throws SmscRequestError (e.g. ESME_RCANCELFAIL), NotBoundError.
   */
  cancel(messageId: string, options: CancelOptions = {}): Promise<void> {
    return this.requests.cancel(messageId, options);
  }

  /**
   * replace_sm (SMPP 3.4 §4.10): replaces a message not yet delivered.
   * @throws InvalidMessageError (the new text needs more than one part: replace_sm carries one short_message),
   * SmscRequestError (e.g. ESME_RREPLACEFAIL), NotBoundError.
   */
  replace(messageId: string, replacement: ReplaceOptions): Promise<void> {
    return this.requests.replace(messageId, replacement);
  }

  /**
   * Registers a handler awaited before the deliver_sm_resp goes out: a throw (or rejection) answers
   * `inboundErrorStatus` (ESME_RX_T_APPN by default, so the SMSC delivers again later).
   * @returns a function that removes the handler.
   */
  addInboundHandler(kind: 'message', handler: (event: InboundMessageEvent) => unknown): () => void;
  addInboundHandler(kind: 'deliveryReceipt', handler: (event: DeliveryReceiptEvent) => unknown): () => void;
  addInboundHandler(
    kind: 'message' | 'deliveryReceipt',
    handler: InboundHandler<InboundMessageEvent> | InboundHandler<DeliveryReceiptEvent>,
  ): () => void {
    return kind === 'message'
      ? this.dispatcher.add('message', handler as InboundHandler<InboundMessageEvent>)
      : this.dispatcher.add('deliveryReceipt', handler as InboundHandler<DeliveryReceiptEvent>);
  }

  /** A snapshot of the counters. */
  stats(): ClientStats {
    return collectClientStats({
      ctx: this.ctx,
      state: this.state,
      supervisors: this.supervisors,
      loops: this.loops,
      receiptsHeld: this.dispatcher.heldReceipts,
      queueDepth: this.queueDepth.read(),
    });
  }

  /**
   * Stops gracefully: stops taking from the queue, waits for in-flight responses (at most `drainTimeoutMs`),
   * puts back in the queue (nack with requeue) what was not confirmed, unbinds and closes every session.
   * Idempotent, and safe while reconnecting.
   *
   * @returns what was left unsent (see {@link StopResult}): with the in-memory queue, the waiting messages are
   * handed back (and written to `spillFile` when set), with a warning naming how many and
   * the first correlation ids, and a `stopped` event. Nothing is dropped in silence.
   */
  stop(options: StopOptions = {}): Promise<StopResult> {
    this.stopping ??= this.doStop(options.drainTimeoutMs ?? this.options.drainTimeoutMs);
    return this.stopping;
  }

  private async doStop(drainTimeoutMs: number): Promise<StopResult> {
    const { logger } = this.ctx;
    logger.info('client stopping', { drainTimeoutMs });
    this.stopController.abort();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const loop of this.loops) loop.beginDrain();
    await Promise.all(this.loops.map((l) => l.stopped()));

    const deadline = Date.now() + drainTimeoutMs;
    const pending = () => this.loops.reduce((n, l) => n + l.inFlightMessages, 0);
    while (pending() > 0 && Date.now() < deadline) {
      await this.settled.wait(undefined, Math.min(250, deadline - Date.now()));
    }
    let requeued = 0;
    for (const loop of this.loops)
      requeued += loop.abandonInFlight('client stopped before the SMSC answered');
    if (requeued > 0) {
      this.ctx.warn(
        `stop: ${requeued} message(s) unanswered after ${drainTimeoutMs} ms were put back in the queue`,
      );
    }
    await Promise.all(this.supervisors.map((s) => s.stop()));
    // In-flight responses are in: a receipt still waiting for its message id is reported now, uncorrelated
    // unless the correlator learnt the id meanwhile (never dropped in silence).
    await this.dispatcher.closeEarlyReceipts();
    await this.dispatcher.sweep(true);
    // Every outcome above is recorded; the ledger (yours to close) stores them before stop() resolves.
    await this.messageLedger
      ?.flush()
      .catch((error: unknown) => this.ctx.warn('flushing the ledger failed', toError(error)));
    const result = await reportUnsent(this.queue, this.ctx, this.options.spillFile);
    for (const policy of this.owned) {
      try {
        await policy.close?.();
      } catch (error) {
        this.ctx.warn('closing a policy failed', toError(error));
      }
    }
    logger.info('client stopped', {
      ...this.countersForLog(),
      unsent: result.unsent.length,
      ...(result.leftInQueue !== undefined ? { leftInQueue: result.leftInQueue } : {}),
    });
    this.ctx.emit('stopped', result);
    return result;
  }

  private countersForLog(): Record<string, unknown> {
    const c = this.ctx.counters;
    return {
      submitted: c.submitted,
      accepted: c.accepted,
      failed: c.failed,
      retried: c.retried,
      receipts: c.receipts,
      receiptsUncorrelated: c.receiptsUncorrelated,
    };
  }

  private lastError(): Error | undefined {
    for (const s of this.supervisors) if (s.lastError) return s.lastError;
    return undefined;
  }

  /** Validates and builds a message; the built PDUs are remembered for the send loop. */
  private prepare(message: OutboundMessage): { message: QueuedMessage; pdus: SubmitSmInput[] } {
    validateOutboundMessage(message, this.options.defaults);
    const queued = withCorrelationId(message);
    const pdus = buildSubmitPdus(queued, this.options, this.ctx.codecs, this.ctx.nextReference());
    if (needsEncoderCheck(queued)) checkEncodable(pdus[0]);
    this.built.set(queued, pdus);
    return { message: queued, pdus };
  }

  /** The next bound session, round-robin over the pool, or undefined when none is bound now. */
  private readySession(): SmppSession | undefined {
    const n = this.supervisors.length;
    for (let i = 0; i < n; i++) {
      const s = this.supervisors[(this.roundRobin + i) % n];
      if (s.session.state === 'bound') {
        this.roundRobin = (this.roundRobin + i + 1) % n;
        return s.session;
      }
    }
    return undefined;
  }

  /** A bound session, round-robin over the pool; waits for one (at most windowWaitTimeoutMs). */
  private async boundSession(what: string): Promise<SmppSession> {
    const ready = this.readySession();
    if (ready !== undefined) return ready;
    if (!this.started || this.stopping) {
      throw new NotBoundError(
        what,
        undefined,
        this.lastError(),
        this.stopping ? 'client stopped' : 'client not started',
      );
    }
    try {
      await this.waitUntilBound(this.options.windowWaitTimeoutMs);
    } catch (error) {
      throw error instanceof NotBoundError
        ? new NotBoundError(what, error.timeoutMs, error.lastError)
        : error;
    }
    return this.boundSession(what);
  }
}

/**
 * The caller's message with its correlation id (theirs, or a new UUID), as a copy: the caller's object is
 * never changed.
 *
 * @remarks
 * `Object.assign` rather than `{ ...message, correlationId }`: on V8 a property added to a spread copy costs
 * about half a microsecond, once per `send()`. An own `__proto__` key (JSON.parse can make one) would be
 * taken by `Object.assign` as a prototype change, so that rare message takes the spread.
 */
function withCorrelationId(message: OutboundMessage): QueuedMessage {
  const correlationId = message.correlationId ?? fastRandomUuid();
  if (Object.hasOwn(message, '__proto__')) return { ...message, correlationId };
  const queued = Object.assign({}, message) as QueuedMessage;
  queued.correlationId = correlationId;
  return queued;
}

/** Characters a C-Octet String may not hold (SMPP 3.4 §3.1): NUL and anything beyond ASCII. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this must find
const NOT_C_OCTET = /[^\x01-\x7f]/;

/**
 * Whether the message has something only the encoder checks (TLVs, non-ASCII or NUL in a C-Octet field):
 * the common message skips the extra encode, so `send()` stays cheap.
 */
function needsEncoderCheck(message: QueuedMessage): boolean {
  return (
    message.tlvs !== undefined ||
    NOT_C_OCTET.test(message.to) ||
    (message.from !== undefined && NOT_C_OCTET.test(message.from)) ||
    (message.serviceType !== undefined && NOT_C_OCTET.test(message.serviceType))
  );
}

/** Encodes one part to surface encoder rules as an `InvalidMessageError` at `send()`, before the queue. */
function checkEncodable(pdu: SubmitSmInput | undefined): void {
  if (pdu === undefined) return;
  try {
    encodePdu(pdu);
  } catch (error) {
    if (error instanceof PduEncodeError)
      throw new InvalidMessageError(error.field, error.rule, error.message);
    throw error;
  }
}
