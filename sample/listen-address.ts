/** Where the sample's HTTP server listens. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * The HTTP address from the environment: `HOST` (default 127.0.0.1, so a demo is not reachable from the network
 * unless asked: `HOST=0.0.0.0`) and `PORT` (default 3000; 0 picks a free one).
 *
 * @throws Error naming `PORT` when it is not a port number.
 */
export function listenAddress(env: NodeJS.ProcessEnv): ListenAddress {
  const host = env.HOST === undefined || env.HOST === '' ? '127.0.0.1' : env.HOST;
  const portText = env.PORT === undefined || env.PORT === '' ? '3000' : env.PORT;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${portText}"`);
  }
  return { host, port };
}
