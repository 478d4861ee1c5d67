import { CommandStatus } from '../protocol/command-status.js';
import { InvalidRouteError } from './errors/invalid-route.error.js';
import type {
  ResolvedRoute,
  ResolvedRouteTarget,
  ResolvedRouterOptions,
} from './resolved-router-options.interface.js';
import type { RouteDefinition, RouterOptions, RouteTarget } from './router-options.interface.js';

const DEFAULT_FAILOVER_STATUSES = ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR', 'ESME_RX_T_APPN'];
const ROUTER_KEYS = new Set([
  'routes',
  'fallback',
  'failoverStatuses',
  'unboundFailoverMs',
  'maxPendingPerClient',
  'circuitBreaker',
  'retry',
  'queueCapacity',
  'tagKey',
  'drainTimeoutMs',
]);
const ROUTE_KEYS = new Set(['name', 'prefix', 'from', 'tag', 'clients', 'failoverStatuses']);
const CIRCUIT_KEYS = ['failureThreshold', 'failureRate', 'windowMs', 'cooldownMs', 'halfOpenProbes'];
const RETRY_KEYS = ['maxAttempts', 'initialDelayMs', 'maxDelayMs'];

/**
 * Checks a router's options and fills in every default.
 *
 * @remarks
 * Fails fast with an {@link InvalidRouteError} naming the route and the rule: an empty route, a prefix used twice
 * (with the same sender and tag), a client no `NazModule.forRoot({ name })` registers (when `knownClients` is
 * given), a bad status name or number.
 *
 * @param knownClients - the client names that exist; omitted, names are not checked here.
 */
export function validateRouterOptions(
  options: RouterOptions,
  knownClients?: readonly string[],
): ResolvedRouterOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidRouteError(undefined, '', 'type', 'router options must be an object with routes');
  }
  checkKeys(options as object, ROUTER_KEYS, '', undefined);
  if (!Array.isArray(options.routes)) {
    throw new InvalidRouteError(undefined, 'routes', 'type', 'routes must be an array of route definitions');
  }
  const failoverStatuses = statusCodes(
    options.failoverStatuses ?? DEFAULT_FAILOVER_STATUSES,
    'failoverStatuses',
    undefined,
  );
  const routes = options.routes.map((route, index) => resolveRoute(route, index, failoverStatuses));
  const fallback =
    options.fallback === undefined
      ? undefined
      : resolveRoute({ name: 'fallback', clients: options.fallback }, -1, failoverStatuses);
  if (routes.length === 0 && fallback === undefined) {
    throw new InvalidRouteError(
      undefined,
      'routes',
      'no-routes',
      'a router needs at least one route or a fallback: routes: [{ prefix: "44", clients: ["uk"] }]',
    );
  }
  checkUnique(routes);

  const clientNames = [...new Set([...routes, ...(fallback ? [fallback] : [])].flatMap(namesOf))];
  if (knownClients !== undefined) {
    for (const route of [...routes, ...(fallback ? [fallback] : [])]) checkClients(route, knownClients);
  }

  const cb = options.circuitBreaker ?? {};
  checkKeys(cb, new Set(CIRCUIT_KEYS), 'circuitBreaker.', undefined);
  const retry = options.retry ?? {};
  checkKeys(retry, new Set(RETRY_KEYS), 'retry.', undefined);
  const failureRate = number(cb.failureRate, 0.5, 'circuitBreaker.failureRate', false);
  if (failureRate <= 0 || failureRate > 1) {
    throw new InvalidRouteError(
      undefined,
      'circuitBreaker.failureRate',
      'range',
      `circuitBreaker.failureRate must be in (0, 1], got ${failureRate}`,
    );
  }
  const tagKey = options.tagKey ?? 'route';
  if (typeof tagKey !== 'string' || tagKey === '') {
    throw new InvalidRouteError(undefined, 'tagKey', 'type', 'tagKey must be a non-empty string');
  }
  return {
    routes,
    fallback,
    failoverStatuses,
    unboundFailoverMs: number(options.unboundFailoverMs, 1000, 'unboundFailoverMs', true, 0),
    maxPendingPerClient:
      options.maxPendingPerClient === undefined
        ? undefined
        : number(options.maxPendingPerClient, 0, 'maxPendingPerClient', true, 1),
    circuitBreaker: {
      failureThreshold: number(cb.failureThreshold, 5, 'circuitBreaker.failureThreshold', true, 1),
      failureRate,
      windowMs: number(cb.windowMs, 10_000, 'circuitBreaker.windowMs', true, 1),
      cooldownMs: number(cb.cooldownMs, 5_000, 'circuitBreaker.cooldownMs', true, 0),
      halfOpenProbes: number(cb.halfOpenProbes, 1, 'circuitBreaker.halfOpenProbes', true, 1),
    },
    retry: {
      maxAttempts: number(retry.maxAttempts, 3, 'retry.maxAttempts', true, 1),
      initialDelayMs: number(retry.initialDelayMs, 500, 'retry.initialDelayMs', true, 0),
      maxDelayMs: number(retry.maxDelayMs, 10_000, 'retry.maxDelayMs', true, 0),
    },
    queueCapacity: number(options.queueCapacity, 10_000, 'queueCapacity', true, 1),
    tagKey,
    drainTimeoutMs: number(options.drainTimeoutMs, 5_000, 'drainTimeoutMs', true, 0),
    clientNames,
  };
}

/** The name a route gets when it has none: its prefix (`*` for any), then its conditions. */
export function defaultRouteName(route: Pick<RouteDefinition, 'prefix' | 'from' | 'tag'>): string {
  let name = route.prefix ? stripPlus(route.prefix) : '*';
  if (route.from !== undefined) name += `|from=${[route.from].flat().join(',')}`;
  if (route.tag !== undefined) name += `|tag=${route.tag}`;
  return name;
}

function resolveRoute(route: RouteDefinition, index: number, defaults: ReadonlySet<number>): ResolvedRoute {
  const path = index < 0 ? 'fallback' : `routes[${index}]`;
  if (typeof route !== 'object' || route === null) {
    throw new InvalidRouteError(undefined, path, 'type', `${path} must be an object with prefix and clients`);
  }
  if (index >= 0) checkKeys(route, ROUTE_KEYS, `${path}.`, route.name);
  const prefix = route.prefix === undefined ? '' : stripPlus(String(route.prefix));
  const name = route.name ?? defaultRouteName(route);
  if (typeof name !== 'string' || name === '') {
    throw new InvalidRouteError(undefined, `${path}.name`, 'type', `${path}.name must be a non-empty string`);
  }
  const where = index < 0 ? 'the fallback' : `route "${name}" (${path})`;
  if (!/^\d{0,20}$/.test(prefix)) {
    throw new InvalidRouteError(
      name,
      `${path}.prefix`,
      'prefix-digits',
      `${where}: prefix must be up to 20 digits (the start of destination_addr, SMPP 3.4 §5.2.9), got "${route.prefix}"`,
    );
  }
  if (!Array.isArray(route.clients) || route.clients.length === 0) {
    throw new InvalidRouteError(
      name,
      index < 0 ? 'fallback' : `${path}.clients`,
      'empty-route',
      `${where} has no clients: list at least one client name, e.g. clients: ["primary", "backup"]`,
    );
  }
  const clients = route.clients.map((t, i) =>
    resolveTarget(t, `${index < 0 ? 'fallback' : `${path}.clients`}[${i}]`, where, name),
  );
  const seen = new Set<string>();
  for (const [i, t] of clients.entries()) {
    if (seen.has(t.client)) {
      throw new InvalidRouteError(
        name,
        `${path}.clients[${i}]`,
        'duplicate-client',
        `${where} lists client "${t.client}" twice; list each client once (use weight to send it more)`,
      );
    }
    seen.add(t.client);
  }
  let from: Set<string> | undefined;
  if (route.from !== undefined) {
    const list = [route.from].flat();
    if (list.length === 0 || list.some((f) => typeof f !== 'string' || f === '')) {
      throw new InvalidRouteError(
        name,
        `${path}.from`,
        'type',
        `${where}: from must be a source address or a non-empty list of them`,
      );
    }
    from = new Set(list);
  }
  if (route.tag !== undefined && (typeof route.tag !== 'string' || route.tag === '')) {
    throw new InvalidRouteError(name, `${path}.tag`, 'type', `${where}: tag must be a non-empty string`);
  }
  return {
    name,
    index,
    prefix,
    from,
    tag: route.tag,
    clients,
    clientNames: clients.map((t) => t.client),
    weighted: clients.some((t) => t.weight > 0),
    failoverStatuses:
      route.failoverStatuses === undefined
        ? defaults
        : statusCodes(route.failoverStatuses, `${path}.failoverStatuses`, name),
  };
}

function resolveTarget(target: RouteTarget, path: string, where: string, route: string): ResolvedRouteTarget {
  const client = typeof target === 'string' ? target : target?.client;
  if (typeof client !== 'string' || client === '') {
    throw new InvalidRouteError(
      route,
      path,
      'type',
      `${where}: ${path} must be a client name or { client, weight? }`,
    );
  }
  const weight = typeof target === 'string' ? 0 : (target.weight ?? 0);
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    throw new InvalidRouteError(
      route,
      `${path}.weight`,
      'non-negative',
      `${where}: ${path}.weight must be a number ≥ 0, got ${String(weight)}`,
    );
  }
  return { client, weight };
}

function checkUnique(routes: readonly ResolvedRoute[]): void {
  const byKey = new Map<string, ResolvedRoute>();
  const byName = new Map<string, ResolvedRoute>();
  for (const route of routes) {
    const path = `routes[${route.index}]`;
    const key = `${route.prefix}|${[...(route.from ?? [])].sort().join(',')}|${route.tag ?? ''}`;
    const twin = byKey.get(key);
    if (twin) {
      throw new InvalidRouteError(
        route.name,
        `${path}.prefix`,
        'duplicate-prefix',
        `route "${route.name}" (${path}) has prefix "${route.prefix}" like route "${twin.name}" (routes[${twin.index}]), with the same sender and tag: merge them into one route with several clients`,
      );
    }
    byKey.set(key, route);
    const namesake = byName.get(route.name);
    if (namesake) {
      throw new InvalidRouteError(
        route.name,
        `${path}.name`,
        'duplicate-name',
        `route name "${route.name}" is used by routes[${namesake.index}] and ${path}: give each route its own name`,
      );
    }
    byName.set(route.name, route);
  }
}

function checkClients(route: ResolvedRoute, known: readonly string[]): void {
  for (const [i, t] of route.clients.entries()) {
    if (known.includes(t.client)) continue;
    const path = route.index < 0 ? `fallback[${i}]` : `routes[${route.index}].clients[${i}]`;
    const where = route.index < 0 ? 'the fallback' : `route "${route.name}" (routes[${route.index}])`;
    throw new InvalidRouteError(
      route.name,
      path,
      'unknown-client',
      `${where}: client "${t.client}" is not registered (clients found: ${known.join(', ') || 'none'}). Register it with NazModule.forRoot({ name: '${t.client}', ... })`,
    );
  }
}

function namesOf(route: ResolvedRoute): string[] {
  return route.clients.map((t) => t.client);
}

function statusCodes(names: readonly string[], path: string, route: string | undefined): Set<number> {
  if (!Array.isArray(names)) {
    throw new InvalidRouteError(route, path, 'type', `${path} must be an array of status names`);
  }
  const table = CommandStatus as Readonly<Record<string, number>>;
  const codes = new Set<number>();
  for (const [i, name] of names.entries()) {
    if (typeof name === 'string' && Object.hasOwn(table, name)) codes.add(table[name]);
    else if (typeof name === 'string' && /^0x[0-9a-f]{1,8}$/i.test(name))
      codes.add(Number.parseInt(name, 16));
    else {
      throw new InvalidRouteError(
        route,
        `${path}[${i}]`,
        'status-name',
        `${path}[${i}] must be a command_status name such as 'ESME_RTHROTTLED' (SMPP 3.4 Table 5-2) or a hex code such as '0x00000400', got ${JSON.stringify(name)}`,
      );
    }
  }
  return codes;
}

function number(value: unknown, fallback: number, path: string, integer: boolean, min = 0): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min
  ) {
    throw new InvalidRouteError(
      undefined,
      path,
      integer ? 'integer-min' : 'number',
      `${path} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkKeys(
  object: object,
  allowed: ReadonlySet<string>,
  prefix: string,
  route: string | undefined,
): void {
  for (const key of Object.keys(object)) {
    if (allowed.has(key)) continue;
    const close = [...allowed].find((k) => k.toLowerCase() === key.toLowerCase());
    throw new InvalidRouteError(
      route,
      `${prefix}${key}`,
      'unknown-key',
      `unknown option ${prefix}${key}${close ? `; did you mean ${prefix}${close}?` : ''}`,
    );
  }
}

function stripPlus(prefix: string): string {
  return prefix.startsWith('+') ? prefix.slice(1) : prefix;
}
