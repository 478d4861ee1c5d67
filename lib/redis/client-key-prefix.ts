import { DEFAULT_NAZ_CLIENT_NAME } from '../tokens.js';

/**
 * The default key prefix of a Redis-backed policy provided for a named client: `base` for the default client,
 * `<base><clientName>:` for the others, so two clients of one app never share keys by accident.
 * @example clientKeyPrefix('naz:corr:', 'eu') // 'naz:corr:eu:'
 */
export function clientKeyPrefix(base: string, clientName: string | undefined): string {
  const name = clientName ?? DEFAULT_NAZ_CLIENT_NAME;
  return name === DEFAULT_NAZ_CLIENT_NAME ? base : `${base}${name}:`;
}
