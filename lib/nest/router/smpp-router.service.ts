import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { toError } from '../../errors/to-error.js';
import type { Observable } from 'rxjs';
import type { OutboundMessage } from '../../message/outbound-message.interface.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';
import type { RoutableClient } from '../../router/routable-client.interface.js';
import type { SmppRouterEvents } from '../../router/router-events.interface.js';
import type { RouterStatus } from '../../router/router-status.interface.js';
import { SmppRouter, type RoutedSubmitResult, type RouterSubmitOptions } from '../../router/smpp-router.js';
import { validateRouterOptions } from '../../router/validate-router-options.js';
import { NazRouterMetrics } from '../metrics/naz-router-metrics.js';
import { NazExplorer, type DiscoveredHandler } from '../naz.explorer.js';
import { SmppClientService } from '../smpp-client.service.js';
import { matchesClient } from '../utils/matches-address.util.js';
import { DetachedHandlerRunner } from '../utils/detached-handler-runner.util.js';
import { LazyEventStream } from '../utils/lazy-event-stream.util.js';
import { getSmppClientToken } from '../utils/get-smpp-client-token.util.js';
import type { NazRouterEvent, RouterResultEvent } from './naz-router-event.interface.js';
import type { NazRouterModuleOptions } from './naz-router-options.interface.js';
import {
  NAZ_ROUTER_LOGGER,
  NAZ_ROUTER_METRICS,
  NAZ_ROUTER_NAME,
  NAZ_ROUTER_OPTIONS,
  NAZ_ROUTER_QUEUE,
} from './naz-router.constants.js';

const FORWARDED_EVENTS: ReadonlyArray<keyof SmppRouterEvents> = [
  'routed',
  'failover',
  'failed',
  'retry',
  'circuit',
  'warning',
];

/**
 * Sends messages through the routes of `NazModule.forRouter()`: the right SMSC account for each destination, the
 * next one of the route when a client is down, full, throttling or failing.
 *
 * @remarks
 * `send()` and `submit()` take the same message as `SmppClientService`. The router finds the clients its routes
 * name (each registered with `NazModule.forRoot({ name })`) when the app initialises, and starts taking queued
 * messages at bootstrap. Each message has one outcome, on `events$` (`routed` with the client that handled it,
 * or `failed`), and every failover in between (`failover`, with its reason).
 *
 * `@OnRouterResult()` handlers receive that one outcome. The clients' `@OnSubmitResult()` handlers do not see
 * routed messages, unless they ask for the router's attempts (`routerAttempts: true`, each marked `router`): a
 * message failed over from `a` to `b` is then a failed attempt on `a` and a success on `b`.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class OtpService {
 *   constructor(private readonly router: SmppRouterService) {}
 *   sendCode(to: string, code: string) {
 *     return this.router.send({ to, text: `Your code is ${code}`, metadata: { route: 'otp' } });
 *   }
 * }
 * ```
 */
@Injectable()
export class SmppRouterService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly forwarders: Array<() => void> = [];
  private engine: SmppRouter | undefined;
  private readonly stream = new LazyEventStream<NazRouterEvent>((next) => {
    const engine = this.engine;
    if (engine === undefined) return undefined;
    return FORWARDED_EVENTS.map((type) => {
      const forward = (payload: unknown): void => next({ type, payload } as NazRouterEvent);
      engine.on(type, forward);
      return () => engine.off(type, forward);
    });
  });
  private readonly detached = new DetachedHandlerRunner((handler, error) => this.logFailure(handler, error));

  /**
   * Every router event as an RxJS stream (`{ type, payload }`). Completes when the module is destroyed. The
   * router builds these events only while someone subscribes.
   */
  readonly events$: Observable<NazRouterEvent> = this.stream.events$;

  /** @internal Nest builds it; inject it, never `new` it. */
  constructor(
    @Inject(NAZ_ROUTER_OPTIONS) private readonly options: NazRouterModuleOptions,
    @Inject(NAZ_ROUTER_NAME) readonly name: string,
    @Inject(NAZ_ROUTER_LOGGER) private readonly logger: NazLogger,
    @Inject(NAZ_ROUTER_METRICS) private readonly metrics: NazRouterMetrics | null,
    private readonly moduleRef: ModuleRef,
    private readonly explorer: NazExplorer,
    @Optional() @Inject(NAZ_ROUTER_QUEUE) private readonly queue?: OutboundQueue,
  ) {
    // Everything that does not depend on the clients is checked as soon as the module is built.
    validateRouterOptions(routerOptionsOf(options));
  }

  /** The engine (`SmppRouter`), once the module is initialised. */
  get router(): SmppRouter {
    if (!this.engine) throw new Error('the router is not initialised yet: use it from onModuleInit on');
    return this.engine;
  }

  /**
   * Routes the message and puts it in the router's queue; resolves once it is queued, with its correlation id.
   *
   * @throws NoRouteError when no route (and no fallback) takes the destination; InvalidMessageError naming the
   * field; QueueFullError.
   */
  send(message: OutboundMessage): Promise<{ correlationId: string }> {
    return this.router.send(message);
  }

  /**
   * Sends the message now through its route; resolves with the message ids and the client that sent it.
   *
   * @throws NoRouteError; InvalidMessageError; SubmitError (a permanent rejection); RouteExhaustedError.
   */
  submit(message: OutboundMessage, options?: RouterSubmitOptions): Promise<RoutedSubmitResult> {
    return this.router.submit(message, options);
  }

  /** The route a message would take (undefined: none). */
  routeOf(message: Pick<OutboundMessage, 'to' | 'from' | 'metadata'>): string | undefined {
    return this.router.routeOf(message);
  }

  /** Each client's circuit and availability, each route's usable clients. */
  status(): RouterStatus {
    return this.router.status();
  }

  /**
   * @internal Finds the clients the routes name (an unknown one stops the app with InvalidRouteError) and builds
   * the router.
   */
  onModuleInit(): void {
    const options = routerOptionsOf(this.options);
    const clients: RoutableClient[] = [];
    for (const name of validateRouterOptions(options).clientNames) {
      const service = this.findClient(name);
      if (service) clients.push(service.client);
    }
    this.engine = new SmppRouter(options, clients, {
      logger: this.logger,
      name: this.name,
      ...(this.queue ? { queue: this.queue } : {}),
    });
    this.metrics?.attach(this.engine);
    this.registerResultHandlers(clients.map((c) => c.name));
    this.stream.connect();
  }

  /** @internal Starts taking queued messages (the clients connect in their own bootstrap). */
  onApplicationBootstrap(): void {
    this.router.start();
  }

  /** @internal Stops taking messages, waits for those in flight (drainTimeoutMs), puts the rest back. */
  async onModuleDestroy(): Promise<void> {
    try {
      await this.engine?.stop();
    } finally {
      this.metrics?.detach();
      for (const off of this.forwarders.splice(0)) off();
      this.stream.close();
    }
  }

  /**
   * Wires the app's `@OnRouterResult()` handlers of this router to its 'routed' and 'failed' events: once per
   * message, after the router's current step (one microtask a batch), errors logged, never thrown at the router.
   */
  private registerResultHandlers(clientNames: readonly string[]): void {
    const all = this.explorer.explore();
    const mine = all.filter((h) => h.kind === 'routerResult' && matchesClient(h.router, this.name));
    if (mine.length === 0) {
      const blind = all.filter(
        (h) =>
          h.kind === 'submitResult' &&
          h.routerAttempts !== true &&
          clientNames.some((c) => matchesClient(h.options.client, c)),
      );
      if (blind.length > 0) {
        this.logger.info(
          `messages sent through router '${this.name}' report their outcome to @OnRouterResult(), not to @OnSubmitResult() (${blind.map((h) => h.label).join(', ')})`,
          { router: this.name },
        );
      }
      return;
    }
    const engine = this.router;
    const onRouted = (e: SmppRouterEvents['routed'][0]): void =>
      this.runDetached(mine, { ...e, status: 'submitted', router: this.name });
    const onFailed = (e: SmppRouterEvents['failed'][0]): void =>
      this.runDetached(mine, { ...e, status: 'failed', router: this.name });
    engine.on('routed', onRouted);
    engine.on('failed', onFailed);
    this.forwarders.push(
      () => engine.off('routed', onRouted),
      () => engine.off('failed', onFailed),
    );
    this.logger.debug('router result handlers registered', { router: this.name, handlers: mine.length });
  }

  private runDetached(handlers: readonly DiscoveredHandler[], event: RouterResultEvent): void {
    this.detached.run(handlers, event);
  }

  private logFailure(handler: DiscoveredHandler, error: unknown): void {
    this.logger.error(`${handler.decorator} ${handler.label}: handler failed`, {
      router: this.name,
      handler: handler.label,
      error: toError(error),
    });
  }

  private findClient(name: string): SmppClientService | undefined {
    try {
      return this.moduleRef.get<SmppClientService>(getSmppClientToken(name), { strict: false });
    } catch {
      return undefined;
    }
  }
}

/** The engine's options: the Nest-only keys removed (the engine rejects unknown keys, which catches typos). */
function routerOptionsOf(options: NazRouterModuleOptions): NazRouterModuleOptions {
  const { metrics: _metrics, logLevel: _logLevel, ...routerOptions } = options;
  return routerOptions;
}
