import { Inject } from '@nestjs/common';
import { getSmppClientToken } from '../utils/get-smpp-client-token.util.js';

/**
 * Injects the `SmppClientService` of a named client.
 *
 * @example
 * ```ts
 * constructor(@InjectSmppClient('marketing') private readonly marketing: SmppClientService) {}
 * ```
 *
 * @param name - the client's name, as given to `forRoot({ name })`. @default 'default'
 */
export function InjectSmppClient(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getSmppClientToken(name));
}
