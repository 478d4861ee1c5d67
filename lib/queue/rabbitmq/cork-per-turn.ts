import type { AmqpConnectionLike } from './amqp-client.interface.js';

/** The part of a Node `Writable` (a `net.Socket`) corking needs. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

function isCorkable(value: unknown): value is Corkable {
  const stream = value as Partial<Corkable> | undefined;
  return typeof stream?.cork === 'function' && typeof stream.uncork === 'function';
}

/**
 * Corks the connection's socket until the end of the next event-loop turn, so every frame written meanwhile
 * leaves in one `writev` instead of one `write(2)` per frame. Returns `undefined` when the socket cannot be
 * reached (another client than amqplib, or an amqplib that no longer keeps it where 0.10 to 2.x do).
 *
 * @remarks
 * amqplib queues each frame in a per-channel stream and writes them to the socket from a `setImmediate` of its
 * own, one `socket.write` per message or ack. Corked, Node buffers those writes and sends them together
 * when uncorked. The uncork runs two `setImmediate`s later: amqplib's own immediate is scheduled after the call
 * that corks (on the next tick), so it runs inside the cork; the frames wait at most one more turn of the loop.
 * Corking changes when bytes leave, never which bytes or their order, and `end()`/`destroy()` of the socket
 * are not affected by it.
 */
export function corkPerTurn(connection: AmqpConnectionLike): (() => void) | undefined {
  const stream = (connection as { connection?: { stream?: unknown } }).connection?.stream;
  if (!isCorkable(stream)) return undefined;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    stream.uncork();
  };
  const uncorkNextTurn = (): void => void setImmediate(uncork);
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    setImmediate(uncorkNextTurn);
  };
}
