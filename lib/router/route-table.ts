import type { ResolvedRoute } from './resolved-router-options.interface.js';

/** What a route is matched on. */
export interface RoutingKey {
  /** destination_addr. */
  to: string;
  /** source_addr, when the message has one. */
  from?: string;
  /** The metadata tag (`metadata[tagKey]`), when a string. */
  tag?: string;
}

/**
 * Finds a message's route: the longest prefix of its destination among the routes whose sender and tag
 * conditions accept it; the fallback when none does.
 *
 * @remarks
 * Routes are indexed by prefix, so a lookup probes at most one map entry per digit of the destination (≤ 21,
 * SMPP 3.4 §5.2.9) whatever the number of routes. Within one prefix, routes with more conditions come first.
 */
export class RouteTable {
  private readonly byPrefix = new Map<string, ResolvedRoute[]>();
  private readonly longest: number;

  constructor(
    routes: readonly ResolvedRoute[],
    private readonly fallback: ResolvedRoute | undefined,
  ) {
    let longest = 0;
    for (const route of routes) {
      const list = this.byPrefix.get(route.prefix) ?? [];
      list.push(route);
      this.byPrefix.set(route.prefix, list);
      longest = Math.max(longest, route.prefix.length);
    }
    for (const list of this.byPrefix.values()) list.sort((a, b) => specificity(b) - specificity(a));
    this.longest = longest;
  }

  /** The route of a message, or undefined when none matches and there is no fallback. */
  match(key: RoutingKey): ResolvedRoute | undefined {
    const to = key.to.startsWith('+') ? key.to.slice(1) : key.to;
    for (let length = Math.min(this.longest, to.length); length >= 0; length--) {
      const candidates = this.byPrefix.get(to.slice(0, length));
      if (candidates === undefined) continue;
      for (const route of candidates) if (accepts(route, key)) return route;
    }
    return this.fallback;
  }
}

function specificity(route: ResolvedRoute): number {
  return (route.from ? 1 : 0) + (route.tag !== undefined ? 1 : 0);
}

function accepts(route: ResolvedRoute, key: RoutingKey): boolean {
  if (route.from && (key.from === undefined || !route.from.has(key.from))) return false;
  if (route.tag !== undefined && key.tag !== route.tag) return false;
  return true;
}
