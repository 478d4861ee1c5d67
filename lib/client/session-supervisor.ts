import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BindLease } from '../cluster/bind-budget.interface.js';
import { SmppSession } from '../session/smpp-session.js';
import { pickSessionOptions } from '../session/session-option-rules.js';
import type { SessionCloseEvent } from '../session/session-events.interface.js';
import type { DataSm, DeliverSm, Pdu } from '../protocol/pdu.types.js';
import { BindError } from '../session/errors/bind.error.js';
import { backoffDelay } from './backoff.js';
import type { ClientContext } from './client-context.js';
import { sleep } from './signal-utils.js';
import { toError } from '../errors/to-error.js';
import { runHook } from './run-hook.js';
import type { SendLoopSession } from './send-loop.js';

/** Bind statuses that mean the configuration is wrong: retrying will not help until it changes. */
const CREDENTIAL_STATUSES: ReadonlySet<string> = new Set([
  'ESME_RINVPASWD',
  'ESME_RINVSYSID',
  'ESME_RBINDFAIL',
]);

const ABORTED: AbortSignal = AbortSignal.abort();

/** Callbacks of a {@link SessionSupervisor}. */
export interface SupervisorListener {
  /** Any state change of the session (the send loop and `waitUntilBound` re-check). */
  onStateChange(): void;
  /** The session reported congestion_state in a response. */
  onCongestion(session: SmppSession, congestionState: number): void;
}

/**
 * Keeps one session bound: connect, bind, and after any loss (or a failed attempt) wait with exponential
 * backoff and jitter, then try again, up to `reconnect.maxAttempts` failures in a row (forever by default).
 *
 * @remarks
 * One `SmppSession` object is reused, and a new `open()` starts only after its 'close' event (socket gone,
 * every pending request failed): never two connections at once for one slot, and no rebind into
 * `ESME_RALYBND`. Reconnecting at intervals is what SMPP 5.0 §2.8.1 recommends. Each failed attempt is
 * reported (warning with the status name, e.g. `ESME_RINVPASWD`), never silently retried.
 */
export class SessionSupervisor implements SendLoopSession {
  readonly session: SmppSession;
  private bound: AbortController | undefined;
  private stopping = false;
  private readonly stopSleep = new AbortController();
  private running: Promise<void> | undefined;
  private everBound = false;
  private failures = 0;
  /** The last connect/bind failure, for `waitUntilBound` errors. */
  lastError: Error | undefined;
  /** True once `reconnect.maxAttempts` failures in a row made the supervisor give up. */
  gaveUp = false;
  /** True while waiting for a lease of the account's bind budget (connected to nothing). */
  standby = false;
  /** This session's name in the bind budget: unique per process start, readable in Redis. */
  private readonly holder: string;

  constructor(
    private readonly ctx: ClientContext,
    /** 0-based slot in the pool. */
    readonly index: number,
    private readonly stopSignal: AbortSignal,
    private readonly listener: SupervisorListener,
    inboundHandler: (pdu: DeliverSm | DataSm) => number | Promise<number>,
  ) {
    const o = ctx.options;
    this.holder = `${hostname()}:${process.pid}:${ctx.name}:${index}:${randomUUID().slice(0, 8)}`;
    this.session = new SmppSession({
      ...pickSessionOptions(o),
      tls: o.tls,
      logger: ctx.logger,
      inboundHandler,
    });
    this.session.on('state', (change) => {
      if (change.current === 'bound') {
        const controller = new AbortController();
        this.bound = controller;
        if (this.stopSignal.aborted) controller.abort();
        else
          this.stopSignal.addEventListener('abort', () => controller.abort(), {
            once: true,
            signal: controller.signal,
          });
      } else if (change.previous === 'bound') {
        this.bound?.abort();
        this.bound = undefined;
      }
      ctx.emit('state', { ...change, client: ctx.name, session: index });
      this.listener.onStateChange();
    });
    // The session builds a 'pdu' event per PDU only while someone listens: forward only while the client's
    // own 'pdu' event has listeners.
    const forwardPdu = (pdu: Pdu): void => ctx.emit('pdu', { client: ctx.name, session: index, pdu });
    if (ctx.listening.has.pdu) this.session.on('pdu', forwardPdu);
    ctx.listening.watch('pdu', (present) =>
      present ? this.session.on('pdu', forwardPdu) : this.session.off('pdu', forwardPdu),
    );
    this.session.on('congestion', (state) => this.listener.onCongestion(this.session, state));
    // Hooks see every request (naz's BaseHook does): the session's own bind, enquire_link and unbind too.
    const hooks = ctx.hooks;
    if (hooks?.beforeRequest) {
      const before = hooks.beforeRequest.bind(hooks);
      this.session.on('controlRequest', (request) =>
        runHook(ctx, 'beforeRequest', () => before({ client: ctx.name, request })),
      );
    }
    if (hooks?.afterResponse) {
      const after = hooks.afterResponse.bind(hooks);
      this.session.on('controlResponse', (request, response, elapsedMs) =>
        runHook(ctx, 'afterResponse', () => after({ client: ctx.name, request, response, elapsedMs })),
      );
    }
  }

  /** Aborted when the current bound period ends or the client stops. */
  get boundSignal(): AbortSignal {
    return this.bound?.signal ?? ABORTED;
  }

  /** Failed attempts in a row (0 while bound). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Starts connecting in the background; returns at once. */
  start(): void {
    this.running ??= this.run();
  }

  /** Stops reconnecting and closes the session gracefully (unbind, then end). Idempotent. */
  async stop(reason = 'client stopped'): Promise<void> {
    this.stopping = true;
    this.stopSleep.abort();
    await this.session.close(reason);
    await this.running;
  }

  private async run(): Promise<void> {
    const { ctx } = this;
    const reconnect = ctx.options.reconnect;
    let attempt = 0;
    while (!this.stopping) {
      const lease = await this.takeLease();
      if (this.stopping) {
        await lease?.release();
        break;
      }
      attempt++;
      try {
        const closed = new Promise<SessionCloseEvent>((resolve) => this.session.once('close', resolve));
        const onLost = () => void this.session.close('bind lease lost to another replica');
        lease?.lost.addEventListener('abort', onLost, { once: true });
        closed.then(
          () => lease?.lost.removeEventListener('abort', onLost),
          () => undefined,
        );
        await this.session.open().finally(() => {
          // The lease was lost during the bind: close what just opened.
          if (lease?.lost.aborted) onLost();
        });
        if (this.everBound) ctx.counters.reconnects++;
        this.everBound = true;
        this.failures = 0;
        this.lastError = undefined;
        attempt = 0;
        const event = await closed;
        // Unbound: the bind goes back to the budget at once, for whichever replica waits longest.
        await lease?.release();
        if (this.stopping) break;
        ctx.warn(`session ${this.index} lost: ${event.reason}; reconnecting`, event.error, {
          session: this.index,
        });
      } catch (error) {
        await lease?.release();
        if (this.stopping) break;
        const failure = toError(error);
        this.failures++;
        this.lastError = failure;
        ctx.counters.bindFailures++;
        if (this.failures >= reconnect.maxAttempts) {
          ctx.warn(
            `session ${this.index}: connect/bind attempt ${attempt} failed: ${failure.message}; giving up after ` +
              `${this.failures} attempts (reconnect.maxAttempts)`,
            failure,
            { session: this.index, attempt },
          );
          this.gaveUp = true;
          this.listener.onStateChange();
          break;
        }
        const delay = this.delay();
        const hint =
          failure instanceof BindError && CREDENTIAL_STATUSES.has(failure.statusName)
            ? ' (check systemId/password: retrying cannot fix this)'
            : '';
        ctx.warn(
          `session ${this.index}: connect/bind attempt ${attempt} failed: ${failure.message}${hint}; retrying in ${delay} ms`,
          failure,
          { session: this.index, attempt, delayMs: delay },
        );
        await sleep(delay, this.stopSleep.signal);
        continue;
      }
      if (this.stopping) break;
      await sleep(this.delay(), this.stopSleep.signal);
    }
  }

  /** Waits for a bind lease when the account's binds are shared (standby meanwhile); undefined otherwise. */
  private async takeLease(): Promise<BindLease | undefined> {
    const budget = this.ctx.bindBudget;
    if (!budget) return undefined;
    const lease = await budget.acquire(this.holder, this.stopSleep.signal, () => {
      this.standby = true;
      this.ctx.emit('standby', { client: this.ctx.name, session: this.index, standby: true });
      this.listener.onStateChange();
    });
    if (this.standby) {
      this.standby = false;
      this.ctx.emit('standby', { client: this.ctx.name, session: this.index, standby: false });
      this.listener.onStateChange();
    }
    return lease;
  }

  private delay(): number {
    const r = this.ctx.options.reconnect;
    return backoffDelay(Math.max(1, this.failures), {
      initialDelayMs: r.initialDelayMs,
      maxDelayMs: r.maxDelayMs,
      multiplier: r.multiplier,
      jitter: r.jitter,
    });
  }
}
