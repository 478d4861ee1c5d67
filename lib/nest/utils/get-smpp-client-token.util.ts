import { DEFAULT_CLIENT_NAME } from '../naz.constants.js';
import { SmppClientService } from '../smpp-client.service.js';

/**
 * The injection token of a client's `SmppClientService`.
 *
 * @remarks
 * The default client is injected by class (`constructor(private readonly smpp: SmppClientService)`); a named one
 * by this token, most easily through `@InjectSmppClient(name)`.
 *
 * @param name - the client's name, as given to `forRoot({ name })`. @default 'default'
 */
export function getSmppClientToken(name: string = DEFAULT_CLIENT_NAME): string | typeof SmppClientService {
  return name === DEFAULT_CLIENT_NAME ? SmppClientService : `NAZ_SMPP_CLIENT_SERVICE:${name}`;
}
