import { DEFAULT_ROUTER_NAME } from './naz-router.constants.js';
import { SmppRouterService } from './smpp-router.service.js';

/**
 * The injection token of a router's `SmppRouterService`: the class for the default router, a string for a named
 * one (most easily injected with `@InjectSmppRouter(name)`).
 *
 * @param name - the router's name, as given to `forRouter({ name })`. @default 'default'
 */
export function getSmppRouterToken(name: string = DEFAULT_ROUTER_NAME): string | typeof SmppRouterService {
  return name === DEFAULT_ROUTER_NAME ? SmppRouterService : `NAZ_SMPP_ROUTER_SERVICE:${name}`;
}
