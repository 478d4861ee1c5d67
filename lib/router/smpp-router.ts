import { EventEmitter, setMaxListeners } from 'node:events';
import { backoffDelay, MESSAGE_RETRY_JITTER, MESSAGE_RETRY_MULTIPLIER } from '../client/backoff.js';
import type { FailedEvent } from '../client/client-events.interface.js';
import { InvalidMessageError } from '../client/errors/invalid-message.error.js';
import { SubmitError } from '../client/errors/submit.error.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import { Notifier, sleep } from '../client/signal-utils.js';
import type { SubmitResult } from '../client/submit-result.interface.js';
import { validateOutboundMessage } from '../client/validate-outbound-message.js';
import { fastRandomUuid } from '../correlation/fast-random-uuid.js';
import { toError } from '../errors/to-error.js';
import { JsonLogger } from '../logging/json-logger.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { LedgerEntry, MessageLedger } from '../ledger/message-ledger.interface.js';
import { InMemoryOutboundQueue } from '../queue/in-memory-outbound-queue.js';
import type { OutboundQueue, QueueDelivery, QueuedMessage } from '../queue/outbound-queue.interface.js';
import { SETTLED } from '../queue/settled.js';
import { AvailabilityWaiters } from './availability-waiters.js';
import { candidateOrder } from './candidate-order.js';
import type { CircuitState } from './circuit-breaker.js';
import { classifyFailure } from './classify-failure.js';
import { NoRouteError } from './errors/no-route.error.js';
import { RouteExhaustedError } from './errors/route-exhausted.error.js';
import type { ResolvedRoute, ResolvedRouterOptions } from './resolved-router-options.interface.js';
import type { RoutableClient } from './routable-client.interface.js';
import type { FailoverReason, FailoverRecord, SmppRouterEvents } from './router-events.interface.js';
import { RouterMember, type Availability } from './router-member.js';
import type { RouterOptions } from './router-options.interface.js';
import type { RouterStatus } from './router-status.interface.js';
import { RouteTable, type RoutingKey } from './route-table.js';
import { validateRouterOptions } from './validate-router-options.js';

/** Policies of a router; each has a default. */
export interface SmppRouterPolicies {
  /** Where `send()` puts messages. @default an InMemoryOutboundQueue of `queueCapacity` */
  queue?: OutboundQueue;
  /** @default a JSON logger at info level */
  logger?: NazLogger;
  /** Uniform in [0, 1) for weighted routes; inject a seeded one in tests. @default Math.random */
  random?: () => number;
  /**
   * Where the router records its facts (`failover`, `routed`, its own `failed` and `retry`), beside the entries
   * the clients record of each attempt.
   * @default each client's own ledger (`client.ledger`): a fact goes to the ledgers of the clients it names
   */
  ledger?: MessageLedger;
  /**
   * The router's name: in its log lines and in the `router` field of its clients' 'submitted'/'failed' events,
   * which marks them as attempts of a routed message. @default 'default'
   */
  name?: string;
}

/** What `router.submit()` resolves with: the client's result plus who sent it and how it got there. */
export interface RoutedSubmitResult extends SubmitResult {
  route: string;
  /** The client whose SMSC accepted the message. */
  client: string;
  failovers: FailoverRecord[];
}

/** Options of `router.submit()`. */
export interface RouterSubmitOptions {
  /** Response timeout of each client's submit. @default that client's responseTimeoutMs */
  timeoutMs?: number;
}

/** What `router.stop()` leaves unsent. */
export interface RouterStopResult {
  /** Messages still in the router's in-memory queue, in queue order (empty with a durable queue). */
  unsent: QueuedMessage[];
  /** Messages a durable queue keeps for the next consumer, when it reports its size. */
  leftInQueue?: number;
}

/** A message on its way: which route, which failovers so far. */
interface Job {
  message: QueuedMessage;
  route: ResolvedRoute;
  failovers: FailoverRecord[];
  /** Submits made, over every client. */
  attempts: number;
  /** The queue delivery (`send()`); absent for `submit()`. */
  delivery?: QueueDelivery;
  /** ack/nack called: a late outcome is then only logged. */
  settled: boolean;
}

/** How one round over a route's clients ended. */
type RoundOutcome =
  | { kind: 'accepted'; client: string; messageIds: string[] }
  | { kind: 'permanent'; client: string; reason: string; commandStatus?: number; error: Error }
  | { kind: 'exhausted'; client?: string; reason: string; error?: Error }
  /** The router is stopping: the message goes back to the queue untried elsewhere. */
  | { kind: 'abandoned' };

/** A failover whose destination is not known yet. */
type OpenFailover = Omit<FailoverRecord, 'to'>;

/** Availabilities that let a client take a message now. */
const TAKES: ReadonlySet<Availability> = new Set(['ready', 'binding']);

/**
 * Routes messages over several SMPP clients (SMSC accounts) by destination prefix, sender or metadata tag, with
 * failover to the next client of the route and a circuit breaker per client.
 *
 * @remarks
 * **One fate per message.** The router keeps every message itself until one SMSC's answer decides it: it sends
 * with the client's `submit()` (never the client's queue), one client at a time. A "try elsewhere" answer, a
 * timeout or a lost connection moves the message to the next client of its route with the same correlationId;
 * a permanent rejection fails it; acceptance ends it. A message is therefore never retried by a client while the
 * router re-routes it, and never dropped: when no client can take it, a queued message waits (or goes back to the
 * queue for another round, up to `retry.maxAttempts`), and `submit()` rejects with `RouteExhaustedError`.
 *
 * **Duplicates.** Only a response timeout or a connection lost with the submit outstanding leaves the first
 * SMSC's decision unknown; the failover record says `mayDuplicate: true`. So at most the messages outstanding
 * on a client when it failed (≤ its `maxPendingPerClient`) can reach two SMSCs.
 *
 * Events: 'routed' (which client handled it, with every failover), 'failover' (from, to, reason), 'failed',
 * 'retry', 'circuit', 'warning'. A message ledger (or any audit store) should listen to these three: 'routed' and
 * 'failed' are the message's single outcome, 'failover' each step between.
 *
 * @example
 * ```ts
 * const router = new SmppRouter(
 *   { routes: [{ prefix: '44', clients: ['uk', 'intl'] }], fallback: ['intl'] },
 *   [ukClient, intlClient],
 * );
 * router.on('failover', (e) => console.log(e.correlationId, e.from, '→', e.to, e.reason));
 * router.start();
 * await router.send({ to: '447700900123', text: 'Your code is 1234' });
 * ```
 */
export class SmppRouter extends EventEmitter<SmppRouterEvents> {
  /** The options with every default applied. */
  readonly options: ResolvedRouterOptions;
  /** The router's name (`policies.name`), set on its clients' events of each attempt. */
  readonly name: string;

  private readonly members = new Map<string, RouterMember>();
  private readonly table: RouteTable;
  private readonly queue: OutboundQueue;
  private readonly ownsQueue: boolean;
  private readonly logger: NazLogger;
  private readonly random: () => number;
  /** Messages waiting for a client of their route (woken by freed capacity, binds, circuit changes). */
  private readonly waiters = new AvailabilityWaiters();
  /** Woken when the receive loop may take more (a job finished or started waiting). */
  private readonly capacityChanged = new Notifier();
  private readonly stopController = new AbortController();
  private readonly jobs = new Set<Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly totalCapacity: number;
  /** How much capacity must be free before the receive loop takes more (see the constructor). */
  private readonly refillAt: number;
  /** The ledger of each client (the router's own `ledger` policy when given); absent: nothing recorded. */
  private readonly ledgers = new Map<string, MessageLedger>();
  /** Errors of attempts after which some parts of a long message were accepted (from the clients' 'failed'). */
  private readonly partlyAccepted = new WeakSet<Error>();
  private readonly offFailed: Array<() => void> = [];
  /** What every attempt passes to `client.submit()` without a timeout of its own (one object, no allocation). */
  private readonly attemptOptions: { router: string };
  private waiting = 0;
  private running: Promise<void> | undefined;
  private stopping: Promise<RouterStopResult> | undefined;

  /**
   * @param options - checked at once: an `InvalidRouteError` names the route and the rule.
   * @param clients - the clients the routes name (by `client.name`); a route naming another is an error.
   */
  constructor(options: RouterOptions, clients: Iterable<RoutableClient>, policies: SmppRouterPolicies = {}) {
    super();
    // Every message waiting for a client of its route listens on the stop signal: dozens of them during an
    // outage are the router doing its job, not a leak (Node warns past 10 otherwise).
    setMaxListeners(0, this.stopController.signal);
    const byName = new Map<string, RoutableClient>();
    for (const client of clients) byName.set(client.name, client);
    this.options = validateRouterOptions(options, [...byName.keys()]);
    const o = this.options;
    this.logger = policies.logger ?? new JsonLogger({ level: 'info' });
    this.name = policies.name ?? 'default';
    this.attemptOptions = { router: this.name };
    this.random = policies.random ?? Math.random;
    this.ownsQueue = policies.queue === undefined;
    this.queue = policies.queue ?? new InMemoryOutboundQueue({ capacity: o.queueCapacity });
    this.table = new RouteTable(o.routes, o.fallback);
    let capacity = 0;
    for (const name of o.clientNames) {
      const client = byName.get(name)!;
      const maxPending = o.maxPendingPerClient ?? 2 * client.options.windowSize * client.options.sessions;
      capacity += maxPending;
      const ledger = policies.ledger ?? client.ledger;
      if (ledger) this.ledgers.set(name, ledger);
      // A long message whose parts were partly accepted before the failure: only the client's 'failed' event
      // says so for errors other than a rejection (a window timeout on part 2, say).
      const onFailed = (e: FailedEvent): void => {
        if (e.router === this.name && e.acceptedMessageIds !== undefined) this.partlyAccepted.add(e.error);
      };
      client.on('failed', onFailed);
      this.offFailed.push(() => client.off('failed', onFailed));
      this.members.set(
        name,
        new RouterMember(
          client,
          maxPending,
          o.unboundFailoverMs,
          o.circuitBreaker,
          (member, from, to, failures) => this.onCircuitChange(member, from, to, failures),
          () => this.waiters.wakeAll(),
          Date.now,
        ),
      );
    }
    this.totalCapacity = capacity;
    // Refill in batches once an eighth of the capacity is free (at most 64), not per freed slot: each refill is a
    // queue.receive() and a loop turn, and the clients still hold 7/8 of their maxPending (twice their window by
    // default), so their windows stay full meanwhile.
    this.refillAt = Math.max(1, Math.min(64, Math.floor(capacity / 8)));
  }

  /** The queue `send()` fills (yours, or the in-memory default). */
  get outboundQueue(): OutboundQueue {
    return this.queue;
  }

  /** Starts taking queued messages. Sending needs the clients started (`client.start()`); the router does not own them. */
  start(): void {
    if (this.stopping) throw new Error('this SmppRouter was stopped; create a new one');
    this.running ??= this.run().catch((error: unknown) =>
      this.warn('router receive loop crashed; messages stay in the queue', toError(error)),
    );
    this.logger.info('router started', {
      routes: this.options.routes.map((r) => r.name),
      fallback: this.options.fallback?.clients.map((t) => t.client) ?? null,
      clients: [...this.members.keys()],
    });
  }

  /**
   * Routes the message (NoRouteError when nothing matches), validates it against its first client's defaults, and
   * puts it in the router's queue; resolves once it is queued, with its correlation id.
   *
   * @throws NoRouteError; InvalidMessageError naming the field; QueueFullError when the router's queue is full.
   */
  send(message: OutboundMessage): Promise<{ correlationId: string }> {
    if (this.stopping) return Promise.reject(new Error('the router is stopped: it takes no more messages'));
    let job: Job;
    try {
      job = this.prepare(message);
    } catch (error) {
      return Promise.reject(error);
    }
    const queued = job.message;
    const result = { correlationId: queued.correlationId };
    const enqueued = this.queue.enqueue(queued);
    if (enqueued === SETTLED) {
      this.recordQueued(job);
      return Promise.resolve(result);
    }
    return enqueued.then(() => {
      this.recordQueued(job);
      return result;
    });
  }

  /** The ledger's `queued` entry of a message `send()` put in the router's queue, in its first client's ledger. */
  private recordQueued(job: Job): void {
    if (this.ledgers.size === 0) return;
    const client = job.route.clients[0]!.client;
    const ledger = this.ledgers.get(client);
    if (ledger === undefined) return;
    const m = job.message;
    ledger.record({
      type: 'queued',
      correlationId: m.correlationId,
      at: Date.now(),
      client,
      to: m.to,
      from: m.from,
      metadata: m.metadata,
      text: ledger.recordText === true ? m.text : undefined,
    });
  }

  /**
   * Sends the message now through its route: the first client that can take it, then the next on a "try
   * elsewhere" outcome. Resolves with the SMSC's message ids and which client sent it.
   *
   * @throws NoRouteError; InvalidMessageError; SubmitError on a permanent rejection; RouteExhaustedError when no
   * client of the route accepted it (its `failovers` say why, its `cause` is the last client's error).
   */
  async submit(message: OutboundMessage, options: RouterSubmitOptions = {}): Promise<RoutedSubmitResult> {
    if (this.stopping) throw new Error('the router is stopped: it takes no more messages');
    const job = this.prepare(message);
    const outcome = await this.runRound(job, options.timeoutMs);
    const { correlationId } = job.message;
    if (outcome.kind === 'accepted') {
      this.reportRouted(job, outcome.client, outcome.messageIds);
      return {
        correlationId,
        messageIds: outcome.messageIds,
        route: job.route.name,
        client: outcome.client,
        failovers: job.failovers,
      };
    }
    if (outcome.kind === 'permanent') {
      this.reportFailed(job, outcome.client, outcome.reason, outcome.error, true, outcome.commandStatus);
      throw outcome.error;
    }
    const reason = outcome.kind === 'exhausted' ? outcome.reason : 'router stopping';
    const error = new RouteExhaustedError(
      job.route.name,
      correlationId,
      job.failovers,
      outcome.kind === 'exhausted' ? outcome.error : undefined,
    );
    this.reportFailed(job, outcome.kind === 'exhausted' ? outcome.client : undefined, reason, error, false);
    throw error;
  }

  /** Which route a message would take (undefined: none, and no fallback). */
  routeOf(message: Pick<OutboundMessage, 'to' | 'from' | 'metadata'>): string | undefined {
    return this.table.match(this.keyOf(message))?.name;
  }

  /** Every client's circuit and availability, every route's usable clients: what the health check reports. */
  status(): RouterStatus {
    const clients: RouterStatus['clients'] = {};
    for (const [name, member] of this.members) {
      clients[name] = {
        state: member.client.state,
        circuit: member.breaker.state,
        usable: member.isUsable(),
        pending: member.pending,
        maxPending: member.maxPending,
      };
    }
    const all = this.options.fallback ? [...this.options.routes, this.options.fallback] : this.options.routes;
    const routes = all.map((route) => {
      const names = route.clients.map((t) => t.client);
      const usableClients = names.filter((n) => clients[n]!.usable);
      return { name: route.name, clients: names, usableClients, healthy: usableClients.length > 0 };
    });
    return {
      healthy: routes.every((r) => r.healthy),
      routes,
      clients,
      inFlight: this.jobs.size,
      waiting: this.waiting,
    };
  }

  /**
   * Stops taking queued messages, waits for those in flight (at most `drainTimeoutMs`), puts the rest back in
   * the queue, and stops following the clients. The clients themselves are yours to stop, after this.
   *
   * @returns what stays unsent: the in-memory queue's messages (also named in a warning), or the number a
   * durable queue keeps.
   */
  stop(): Promise<RouterStopResult> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<RouterStopResult> {
    const drainMs = this.options.drainTimeoutMs;
    this.logger.info('router stopping', { drainTimeoutMs: drainMs, inFlight: this.jobs.size });
    this.stopController.abort();
    await this.running;
    const deadline = Date.now() + drainMs;
    while (this.jobs.size > 0 && Date.now() < deadline) {
      await this.capacityChanged.wait(undefined, Math.min(100, deadline - Date.now()));
    }
    let requeued = 0;
    for (const job of this.jobs) {
      if (job.settled || !job.delivery) continue;
      job.settled = true;
      requeued++;
      this.settle(job.delivery.nack({ requeue: true, reason: 'router stopped before the SMSC answered' }));
    }
    if (requeued > 0) {
      this.warn(`stop: ${requeued} message(s) unanswered after ${drainMs} ms were put back in the queue`);
    }
    for (const timer of this.timers) clearTimeout(timer);
    for (const member of this.members.values()) member.detach();
    for (const off of this.offFailed.splice(0)) off();
    const result = await this.reportUnsent();
    if (this.ownsQueue) await this.queue.close?.();
    this.logger.info('router stopped', {
      unsent: result.unsent.length,
      ...(result.leftInQueue !== undefined ? { leftInQueue: result.leftInQueue } : {}),
    });
    return result;
  }

  /**
   * What stays unsent at stop: the in-memory queue's messages are handed back (and named in a warning), a
   * durable queue keeps its own (only their number is reported). Nothing is dropped in silence.
   */
  private async reportUnsent(): Promise<RouterStopResult> {
    const queue = this.queue;
    if (!(queue instanceof InMemoryOutboundQueue)) {
      const left = await queue.size?.().catch(() => undefined);
      if (left !== undefined && left > 0) {
        this.logger.info(`stop: ${left} message(s) stay in the router's queue for the next consumer`, {
          leftInQueue: left,
        });
      }
      return left === undefined ? { unsent: [] } : { unsent: [], leftInQueue: left };
    }
    const unsent = queue.waitingMessages();
    if (unsent.length > 0) {
      const ids = unsent.slice(0, 10).map((m) => m.correlationId);
      const more = unsent.length > ids.length ? ` and ${unsent.length - ids.length} more` : '';
      this.warn(
        `stop: ${unsent.length} message(s) still in the router's in-memory queue were not sent (${ids.join(', ')}${more}); they are in stop()'s result`,
        undefined,
        { unsent: unsent.length, correlationIds: ids },
      );
    }
    return { unsent };
  }

  // ---- routing ------------------------------------------------------------------------------------------

  private keyOf(message: Pick<OutboundMessage, 'to' | 'from' | 'metadata'>): RoutingKey {
    const tag = message.metadata?.[this.options.tagKey];
    return { to: message.to, from: message.from, tag: typeof tag === 'string' ? tag : undefined };
  }

  /** Finds the route, validates against its first client, gives the message its correlation id. */
  private prepare(message: OutboundMessage): Job {
    if (typeof message !== 'object' || message === null || typeof message.to !== 'string') {
      throw new InvalidMessageError(
        'destination_addr',
        'required',
        'message.to (destination_addr) is required: the router routes on it',
      );
    }
    const route = this.table.match(this.keyOf(message));
    if (route === undefined) throw new NoRouteError(message.to);
    validateOutboundMessage(message, this.members.get(route.clients[0]!.client)!.client.options.defaults);
    // Object.assign and a property set, not `{ ...message, correlationId }`: V8 reads properties of a spread
    // copy several times slower (validating one in the client's submit measured ~15 µs against ~2 µs), as the
    // client's own withCorrelationId found. A `__proto__` own key needs the spread (assign would set the prototype).
    let queued: QueuedMessage;
    if (Object.hasOwn(message, '__proto__')) {
      queued = { ...message, correlationId: message.correlationId ?? fastRandomUuid() };
    } else {
      queued = Object.assign({}, message) as QueuedMessage;
      queued.correlationId = message.correlationId ?? fastRandomUuid();
    }
    return {
      message: queued,
      route,
      failovers: [],
      attempts: 0,
      settled: false,
    };
  }

  /**
   * One round over the route: each client at most once, in the route's order, until one accepts or rejects
   * for good. A queued message waits while no client of its route can take it yet (all unusable, or all full);
   * a `submit()` does not wait for an unusable client (it ends the round) but overflows a full one.
   */
  private async runRound(job: Job, timeoutMs?: number): Promise<RoundOutcome> {
    const queued = job.delivery !== undefined;
    // Allocated on the first failure only: most messages are accepted by their first client.
    let tried: Set<string> | undefined;
    let open: OpenFailover[] | undefined;
    let last: { client: string; error: Error; reason: string } | undefined;
    for (;;) {
      if (queued && this.stopController.signal.aborted) return { kind: 'abandoned' };
      const { member, skipped } = this.choose(job.route, tried ?? NOTHING_TRIED, !queued);
      if (member === undefined) {
        const untried = tried === undefined || tried.size === 0;
        const mustWait = skipped.some((s) => s.availability === 'queue-full') || untried;
        if (queued && mustWait) {
          await this.waitForAvailability(
            job.route,
            untried && skipped.every((s) => s.availability !== 'queue-full'),
          );
          continue;
        }
        for (const s of skipped) (open ??= []).push(skipRecord(s.member.name, s.availability));
        if (open !== undefined) this.commitFailovers(job, open, null);
        const fallbackReason = skipped[0]?.availability ?? 'no client';
        return last
          ? { kind: 'exhausted', client: last.client, reason: last.reason, error: last.error }
          : { kind: 'exhausted', reason: `no usable client (${fallbackReason})` };
      }
      for (const s of skipped) {
        (open ??= []).push(skipRecord(s.member.name, s.availability));
        (tried ??= new Set()).add(s.member.name);
      }
      if (open !== undefined) {
        this.commitFailovers(job, open, member.name);
        open = undefined;
      }
      const ticket = member.breaker.acquire();
      if (ticket === undefined) continue; // taken by another message since choose(): choose again
      member.pending++;
      job.attempts++;
      // The attempt, inline rather than in a helper: one async frame (a promise and a resume) less per message.
      let result: string[] | Error;
      const client = member.client;
      try {
        if (!client.isBound()) await client.waitUntilBound(Math.max(1, member.graceLeft()));
        result = (
          await client.submit(
            job.message,
            timeoutMs === undefined ? this.attemptOptions : { timeoutMs, router: this.name },
          )
        ).messageIds;
      } catch (error) {
        result = toError(error);
      } finally {
        member.pending--;
        this.waiters.wakeOne(member.name);
      }
      if (!(result instanceof Error)) {
        member.breaker.success(ticket);
        return { kind: 'accepted', client: member.name, messageIds: result };
      }
      const error = result;
      const partsAccepted =
        error instanceof SubmitError ? error.acceptedMessageIds.length > 0 : this.partlyAccepted.has(error);
      const verdict = classifyFailure(error, job.route.failoverStatuses, partsAccepted);
      if (verdict.kind === 'permanent') {
        // A rejection is an answer: the SMSC is alive, whatever it thought of the message. A local error
        // (the message cannot be encoded for this client) says nothing about the SMSC.
        if (verdict.commandStatus !== undefined) member.breaker.success(ticket);
        else member.breaker.release(ticket);
        return {
          kind: 'permanent',
          client: member.name,
          reason: verdict.reason,
          ...(verdict.commandStatus !== undefined ? { commandStatus: verdict.commandStatus } : {}),
          error,
        };
      }
      if (verdict.countsForCircuit) member.breaker.failure(ticket);
      else member.breaker.release(ticket);
      (tried ??= new Set()).add(member.name);
      last = { client: member.name, error, reason: verdict.status ?? verdict.reason };
      if (queued && this.stopController.signal.aborted) return { kind: 'abandoned' };
      open = [
        {
          from: member.name,
          reason: verdict.reason,
          ...(verdict.status !== undefined ? { status: verdict.status } : {}),
          mayDuplicate: verdict.mayDuplicate,
        },
      ];
    }
  }

  /**
   * The client to try next: the first of the route's order (weighted draw first) not tried yet that can take a
   * message, and the ones passed over on the way. For `submit()` (`overflow`), a full client still takes the
   * message when no client has room: the client's own window makes it wait.
   */
  private choose(
    route: ResolvedRoute,
    tried: ReadonlySet<string>,
    overflow: boolean,
  ): { member?: RouterMember; skipped: Array<{ member: RouterMember; availability: Availability }> } {
    // Unweighted routes (the common case) try their clients in the listed order: no draw, no allocation (the
    // skipped list is allocated on the first skip).
    let order: readonly string[] = route.clientNames;
    let availabilityOf = (name: string): Availability => this.members.get(name)!.availability();
    if (route.weighted) {
      // The draw and the walk below must see one availability per client.
      const seen = new Map<string, Availability>();
      const read = availabilityOf;
      availabilityOf = (name) => {
        let a = seen.get(name);
        if (a === undefined) seen.set(name, (a = read(name)));
        return a;
      };
      order = candidateOrder(
        route.clients,
        this.random,
        (name) => !tried.has(name) && TAKES.has(availabilityOf(name)),
      );
    }
    let skipped: Array<{ member: RouterMember; availability: Availability }> = NOTHING_SKIPPED;
    for (const name of order) {
      if (tried.has(name)) continue;
      const member = this.members.get(name)!;
      const a = availabilityOf(name);
      if (TAKES.has(a)) return { member, skipped };
      if (skipped === NOTHING_SKIPPED) skipped = [];
      skipped.push({ member, availability: a });
    }
    if (overflow) {
      const index = skipped.findIndex((s) => s.availability === 'queue-full');
      if (index >= 0) return { member: skipped[index]!.member, skipped: skipped.slice(0, index) };
    }
    return { skipped };
  }

  private async waitForAvailability(route: ResolvedRoute, parked: boolean): Promise<void> {
    if (parked) {
      this.waiting++;
      // A waiting message frees its slot for messages of other routes.
      this.capacityChanged.notify();
    }
    try {
      await this.waiters.wait(route.clientNames, this.stopController.signal, 1000);
    } finally {
      if (parked) this.waiting--;
    }
  }

  // ---- the queue ----------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      const free = this.totalCapacity - this.busyJobs();
      if (!this.refillDue() || this.waiting >= this.options.queueCapacity) {
        // No timeout: a job's end that frees a refill's worth notifies (and so does stop); a timer per wait cost
        // every message one.
        await this.capacityChanged.wait(signal);
        continue;
      }
      let deliveries: QueueDelivery[];
      try {
        deliveries = await this.queue.receive(Math.min(free, 256), signal);
      } catch (error) {
        this.warn('router queue.receive failed; retrying in 1 s', toError(error));
        await sleep(1000, signal);
        continue;
      }
      for (const delivery of deliveries) void this.process(delivery);
    }
  }

  private async process(delivery: QueueDelivery): Promise<void> {
    const message = delivery.message;
    const route = this.table.match(this.keyOf(message));
    if (route === undefined) {
      // Queued by another producer (or before the routes changed): no route can take it.
      const error = new NoRouteError(message.to);
      this.settle(delivery.ack());
      this.reportFailed(
        { message, route: NO_ROUTE, failovers: [], attempts: 0, settled: true },
        undefined,
        error.name,
        error,
        true,
      );
      return;
    }
    const job: Job = { message, route, failovers: [], attempts: 0, delivery, settled: false };
    this.jobs.add(job);
    try {
      const outcome = await this.runRound(job);
      if (job.settled) {
        if (outcome.kind === 'accepted') {
          this.logger.warn(
            'a message put back in the queue at stop was accepted after all; it may be sent twice',
            {
              correlationId: message.correlationId,
              client: outcome.client,
            },
          );
        }
        return;
      }
      job.settled = true;
      this.finish(job, delivery, outcome);
    } catch (error) {
      this.warn('routing a message failed unexpectedly; it goes back to the queue', toError(error), {
        correlationId: message.correlationId,
      });
      if (!job.settled) {
        job.settled = true;
        this.settle(delivery.nack({ requeue: true, delayMs: 1000, reason: toError(error).message }));
      }
    } finally {
      this.jobs.delete(job);
      // The receive loop takes more only once a refill's worth is free (or nothing is busy, which stop() waits
      // for too): waking it for less would cost every message a resumed loop and a new wait.
      if (this.refillDue()) this.capacityChanged.notify();
    }
  }

  /** Jobs holding a client's capacity (those waiting for a client of their route hold none). */
  private busyJobs(): number {
    return this.jobs.size - this.waiting;
  }

  /** Whether the receive loop should take more: a refill's worth of capacity is free, or nothing is busy. */
  private refillDue(): boolean {
    const busy = this.busyJobs();
    return busy <= 0 || this.totalCapacity - busy >= this.refillAt;
  }

  private finish(job: Job, delivery: QueueDelivery, outcome: RoundOutcome): void {
    switch (outcome.kind) {
      case 'accepted':
        this.settle(delivery.ack());
        this.reportRouted(job, outcome.client, outcome.messageIds);
        return;
      case 'permanent':
        this.settle(delivery.ack());
        this.reportFailed(job, outcome.client, outcome.reason, outcome.error, true, outcome.commandStatus);
        return;
      case 'abandoned':
        this.settle(delivery.nack({ requeue: true, reason: 'router stopping' }));
        return;
      case 'exhausted': {
        const round = delivery.attempt;
        const { retry } = this.options;
        if (round >= retry.maxAttempts) {
          const error = new RouteExhaustedError(
            job.route.name,
            job.message.correlationId,
            job.failovers,
            outcome.error,
          );
          this.settle(delivery.nack({ requeue: false, reason: `${outcome.reason} after ${round} round(s)` }));
          this.reportFailed(job, outcome.client, outcome.reason, error, false);
          return;
        }
        const delayMs = backoffDelay(
          round,
          { ...retry, multiplier: MESSAGE_RETRY_MULTIPLIER, jitter: MESSAGE_RETRY_JITTER },
          this.random,
        );
        this.settle(delivery.nack({ requeue: true, delayMs, reason: outcome.reason }));
        if (this.ledgers.size > 0) {
          this.record(
            {
              type: 'retry',
              correlationId: job.message.correlationId,
              at: Date.now(),
              attempt: job.attempts,
              reason: outcome.reason,
              delayMs,
            },
            outcome.client ?? job.route.clientNames[0],
          );
        }
        this.safeEmit('retry', {
          correlationId: job.message.correlationId,
          route: job.route.name,
          round,
          delayMs,
          reason: outcome.reason,
        });
        return;
      }
    }
  }

  // ---- reporting ----------------------------------------------------------------------------------------

  private commitFailovers(job: Job, open: readonly OpenFailover[], to: string | null): void {
    for (const step of open) {
      const record: FailoverRecord = { ...step, to };
      job.failovers.push(record);
      const fields = {
        correlationId: job.message.correlationId,
        route: job.route.name,
        from: record.from,
        to,
        reason: record.status ?? record.reason,
        mayDuplicate: record.mayDuplicate,
      };
      // A failure seen on this message is worth a warning; passing over a client already known to be down
      // (its unbind or circuit opening was logged once) is routine while it stays down.
      if (PASSED_OVER.has(record.reason)) this.logger.debug('failover', fields);
      else this.logger.warn('failover', fields);
      if (this.ledgers.size > 0) {
        this.record(
          {
            type: 'failover',
            correlationId: job.message.correlationId,
            at: Date.now(),
            route: job.route.name,
            from: record.from,
            to,
            reason: record.reason,
            status: record.status,
            mayDuplicate: record.mayDuplicate,
          },
          record.from,
          to,
        );
      }
      this.safeEmit('failover', {
        ...record,
        correlationId: job.message.correlationId,
        route: job.route.name,
        ...(job.message.metadata !== undefined ? { metadata: job.message.metadata } : {}),
      });
    }
  }

  private reportRouted(job: Job, client: string, messageIds: string[]): void {
    if (this.logger.isDebugEnabled?.() ?? true) {
      this.logger.debug('message routed', {
        correlationId: job.message.correlationId,
        route: job.route.name,
        client,
        failovers: job.failovers.length,
      });
    }
    if (this.ledgers.size > 0) {
      this.record(
        {
          type: 'routed',
          correlationId: job.message.correlationId,
          at: Date.now(),
          route: job.route.name,
          client,
          attempts: job.attempts,
          messageIds,
        },
        client,
      );
    }
    this.safeEmit('routed', {
      correlationId: job.message.correlationId,
      route: job.route.name,
      client,
      messageIds,
      attempts: job.attempts,
      failovers: job.failovers,
      ...(job.message.metadata !== undefined ? { metadata: job.message.metadata } : {}),
    });
  }

  private reportFailed(
    job: Job,
    client: string | undefined,
    reason: string,
    error: Error,
    permanent: boolean,
    commandStatus?: number,
  ): void {
    this.logger.warn('message failed', {
      correlationId: job.message.correlationId,
      route: job.route.name,
      client: client ?? null,
      reason,
      permanent,
      attempts: job.attempts,
      failovers: job.failovers.length,
      error,
    });
    if (this.ledgers.size > 0) {
      this.record(
        {
          type: 'failed',
          correlationId: job.message.correlationId,
          at: Date.now(),
          attempt: job.attempts,
          reason,
          commandStatus,
        },
        client ?? job.route.clientNames[0],
      );
    }
    this.safeEmit('failed', {
      correlationId: job.message.correlationId,
      route: job.route.name,
      ...(client !== undefined ? { client } : {}),
      reason,
      ...(commandStatus !== undefined ? { commandStatus } : {}),
      error,
      permanent,
      attempts: job.attempts,
      failovers: job.failovers,
      ...(job.message.metadata !== undefined ? { metadata: job.message.metadata } : {}),
    });
  }

  /** Records a router fact in the ledger of each client it names (once per distinct ledger). */
  private record(entry: LedgerEntry, client: string | null | undefined, other?: string | null): void {
    const first = client ? this.ledgers.get(client) : undefined;
    const second = other ? this.ledgers.get(other) : undefined;
    first?.record(entry);
    if (second !== undefined && second !== first) second.record(entry);
  }

  private onCircuitChange(
    member: RouterMember,
    from: CircuitState,
    to: CircuitState,
    failures: number,
  ): void {
    const fields = { client: member.name, from, to, ...(to === 'open' ? { failures } : {}) };
    if (to === 'open') {
      this.logger.warn('circuit opened: traffic moves to the next client of each route', {
        ...fields,
        cooldownMs: this.options.circuitBreaker.cooldownMs,
      });
      // Half-open is read lazily; this timer makes the transition (and wakes waiting messages) on time.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void member.breaker.state;
        this.waiters.wakeAll();
      }, this.options.circuitBreaker.cooldownMs);
      timer.unref();
      this.timers.add(timer);
    } else {
      this.logger.info(to === 'closed' ? 'circuit closed' : 'circuit half-open: probing', fields);
    }
    this.safeEmit('circuit', { client: member.name, from, to, ...(to === 'open' ? { failures } : {}) });
    this.waiters.wakeAll();
  }

  private safeEmit<K extends keyof SmppRouterEvents>(event: K, ...args: SmppRouterEvents[K]): void {
    if (this.listenerCount(event) === 0) return;
    try {
      (this.emit as (e: K, ...a: SmppRouterEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.logger.error(`a router '${String(event)}' listener threw; ignored`, { error: toError(error) });
    }
  }

  private warn(message: string, error?: Error, fields?: Record<string, unknown>): void {
    this.logger.warn(message, error ? { ...fields, error } : fields);
    if (this.listenerCount('warning') > 0) this.safeEmit('warning', error ? { message, error } : { message });
  }

  private settle(result: Promise<void>): void {
    if (result === SETTLED) return;
    result.then(undefined, (error: unknown) =>
      this.warn('router queue ack/nack failed; the queue may deliver the message again', toError(error)),
    );
  }
}

/** `tried` of a message no client has failed yet (shared: never written). */
const NOTHING_TRIED: ReadonlySet<string> = new Set();
/** `skipped` when no client was passed over (shared: replaced, never pushed to). */
const NOTHING_SKIPPED: Array<{ member: RouterMember; availability: Availability }> = [];

/** Reasons that only pass over a client already known to be unable (logged at debug, per message). */
const PASSED_OVER: ReadonlySet<FailoverReason> = new Set(['unbound', 'circuit-open', 'queue-full']);

/** Stands for "no route" in the report of a queued message no route takes. */
const NO_ROUTE: ResolvedRoute = {
  name: '(none)',
  index: -1,
  prefix: '',
  from: undefined,
  tag: undefined,
  clients: [],
  clientNames: [],
  weighted: false,
  failoverStatuses: new Set(),
};

function skipRecord(from: string, availability: Availability): OpenFailover {
  const reason: FailoverReason =
    availability === 'binding' || availability === 'ready' ? 'unbound' : availability;
  return { from, reason, mayDuplicate: false };
}
