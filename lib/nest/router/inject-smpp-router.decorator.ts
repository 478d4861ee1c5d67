import { Inject } from '@nestjs/common';
import { getSmppRouterToken } from './get-smpp-router-token.util.js';

/**
 * Injects the `SmppRouterService` of a named router (the default one is injected by class).
 *
 * @example
 * ```ts
 * constructor(@InjectSmppRouter('otp') private readonly otp: SmppRouterService) {}
 * ```
 */
export function InjectSmppRouter(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getSmppRouterToken(name));
}
