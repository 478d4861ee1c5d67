import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DEFAULT_CLIENT_NAME } from '../nest/naz.constants.js';
import { SmppClientService } from '../nest/smpp-client.service.js';
import { getSmppClientToken } from '../nest/utils/get-smpp-client-token.util.js';
import { DEFAULT_ROUTER_NAME } from '../nest/router/naz-router.constants.js';
import { getSmppRouterToken } from '../nest/router/get-smpp-router-token.util.js';
import type { SmppRouterService } from '../nest/router/smpp-router.service.js';

/** Options of {@link SmppHealthIndicator.isBound}. */
export interface SmppHealthCheckOptions {
  /** Which client to check. @default 'default' */
  client?: string;
}

/** Options of {@link SmppHealthIndicator.isRouterHealthy}. */
export interface SmppRouterHealthCheckOptions {
  /** Which router to check. @default 'default' */
  router?: string;
}

/**
 * Terminus health indicator: up when the client has a bound session, down otherwise (so `HealthCheckService`
 * answers 503 while the SMSC is unreachable or the bind is rejected). A replica in standby (the account's bind
 * budget is held by other replicas, see `RedisBindBudget`) is up, with `standby: true`: it is healthy and
 * ready to take over a bind.
 *
 * @remarks
 * Details: client name, state, the SMSC's system_id, bound/total sessions, requests in flight, queue depth and
 * the last enquire_link round trip. Never the password. Provide it next to `TerminusModule`:
 *
 * @example
 * ```ts
 * @Module({ imports: [TerminusModule, NazModule.forRoot({...})], controllers: [HealthController], providers: [SmppHealthIndicator] })
 * export class AppModule {}
 *
 * @Controller('health')
 * export class HealthController {
 *   constructor(private readonly health: HealthCheckService, private readonly smpp: SmppHealthIndicator) {}
 *   @Get() @HealthCheck() check() { return this.health.check([() => this.smpp.isBound('smpp')]); }
 * }
 * ```
 */
@Injectable()
export class SmppHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Checks that client `options.client` is bound.
   *
   * @param key - the key of this check in the health report (`'smpp'`).
   */
  isBound<const Key extends string>(
    key: Key,
    options: SmppHealthCheckOptions = {},
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    const client = options.client ?? DEFAULT_CLIENT_NAME;
    const service = this.find(client);
    if (!service) {
      return check.down({
        client,
        message: `no SMPP client named "${client}": register it with NazModule.forRoot({ name: '${client}', ... })`,
      });
    }
    const stats = service.stats();
    const details = {
      client,
      state: service.state,
      systemId: stats.systemId ?? null,
      sessions: stats.sessions,
      boundSessions: stats.boundSessions,
      inFlight: stats.inFlight,
      queueDepth: stats.queueDepth ?? null,
      lastKeepaliveRttMs: stats.lastKeepaliveRttMs ?? null,
      ...(stats.standbySessions > 0 ? { standby: true, standbySessions: stats.standbySessions } : {}),
      // A shared rate limiter waiting for Redis, the bind budget's leases: reported, not a reason to be down.
      ...service.client.policyHealth(),
    };
    return service.isBound() || details.state === 'standby' ? check.up(details) : check.down(details);
  }

  /**
   * Checks the client's outbound queue: up with the broker's details (connection state, depth, pending, dead
   * letters...) when the queue can report them and is connected; down when its broker is unreachable. The
   * in-memory queue is always up, with its depth.
   *
   * @example
   * ```ts
   * this.health.check([() => this.smpp.isBound('smpp'), () => this.smpp.isQueueHealthy('smpp-queue')]);
   * ```
   */
  async isQueueHealthy<const Key extends string>(
    key: Key,
    options: SmppHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const check = this.health.check(key);
    const client = options.client ?? DEFAULT_CLIENT_NAME;
    const service = this.find(client);
    if (!service) {
      return check.down({
        client,
        message: `no SMPP client named "${client}": register it with NazModule.forRoot({ name: '${client}', ... })`,
      });
    }
    const queue = service.client.outboundQueue;
    try {
      if (typeof queue.health !== 'function') {
        return check.up({ client, broker: 'memory', depth: (await queue.size?.()) ?? null });
      }
      const report = await queue.health();
      return report.connected ? check.up({ client, ...report }) : check.down({ client, ...report });
    } catch (error) {
      return check.down({ client, message: `queue health check failed: ${(error as Error).message}` });
    }
  }

  /**
   * Checks a router (`NazModule.forRouter()`): up while every route (and the fallback) has at least one usable
   * client, down when some route has none.
   *
   * @remarks
   * Details: each route's usable clients, and each client's state, circuit (closed, half-open, open) and
   * messages outstanding. A client is usable while bound (or unbound for less than `unboundFailoverMs`) and its
   * circuit is not open.
   *
   * @example
   * ```ts
   * this.health.check([() => this.smpp.isRouterHealthy('sms-routes')]);
   * ```
   */
  isRouterHealthy<const Key extends string>(
    key: Key,
    options: SmppRouterHealthCheckOptions = {},
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    const router = options.router ?? DEFAULT_ROUTER_NAME;
    let service: SmppRouterService | undefined;
    try {
      service = this.moduleRef.get<SmppRouterService>(getSmppRouterToken(router), { strict: false });
    } catch {
      service = undefined;
    }
    if (!service) {
      return check.down({
        router,
        message: `no SMPP router named "${router}": register it with NazModule.forRouter({ name: '${router}', routes: [...] })`,
      });
    }
    const status = service.status();
    const details = {
      router,
      routes: Object.fromEntries(
        status.routes.map((r) => [r.name, { healthy: r.healthy, usableClients: r.usableClients }]),
      ),
      clients: status.clients,
      inFlight: status.inFlight,
      waiting: status.waiting,
    };
    if (status.healthy) return check.up(details);
    const down = status.routes.filter((r) => !r.healthy).map((r) => r.name);
    return check.down({ ...details, message: `no usable client for route(s) ${down.join(', ')}` });
  }

  private find(client: string): SmppClientService | undefined {
    try {
      return this.moduleRef.get<SmppClientService>(getSmppClientToken(client), { strict: false });
    } catch {
      return undefined;
    }
  }
}
