import type { RedisClientLike } from './redis-client.interface.js';

/**
 * Closes a client this library opened: QUIT when connected (pending replies arrive first), a plain disconnect
 * otherwise. A QUIT on a client that is not connected would sit in ioredis' offline queue until Redis came back,
 * and a close must never wait for that.
 */
export async function closeRedisClient(
  client: RedisClientLike | undefined,
  timeoutMs = 2_000,
): Promise<void> {
  if (!client) return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.quit().catch(() => client.disconnect()),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        client.disconnect();
        resolve();
      }, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
