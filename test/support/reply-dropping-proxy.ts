import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a server that can lose the reply to one command, as a server shutting down does. */
export interface ReplyDroppingProxy {
  readonly port: number;
  /**
   * The next time a client writes bytes containing `marker`, they reach the server but its reply never
   * reaches the client: the proxy drops what the server answers and, after `afterMs`, closes that connection.
   * Resolves once it has done so. The client sees a connection lost with the command unanswered, although the
   * server ran it.
   */
  dropReplyTo(marker: string, afterMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free port forwarding to `127.0.0.1:targetPort`.
 *
 * @remarks
 * Why: a Redis stopped by SIGTERM exits without writing the replies of the last commands it ran, and ioredis
 * sends such unanswered commands again once reconnected. Killing the server cannot hit that instant on
 * purpose; this proxy can, every time.
 */
export async function startReplyDroppingProxy(targetPort: number): Promise<ReplyDroppingProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let armed: { marker: string; afterMs: number; done: () => void } | undefined;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    let dropping = false;
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (armed && chunk.includes(armed.marker)) {
        const { afterMs, done } = armed;
        armed = undefined;
        dropping = true;
        setTimeout(() => {
          end();
          done();
        }, afterMs);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropping) client.write(chunk);
    });
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    dropReplyTo: (marker, afterMs = 100) =>
      new Promise<void>((resolve) => {
        armed = { marker, afterMs, done: resolve };
      }),
    close: async () => {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
