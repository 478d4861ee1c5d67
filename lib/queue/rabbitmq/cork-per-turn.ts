import type { AmqpConnectionLike } from './amqp-client.interface.js';

/** The part of a Node `Writable` (a `net.Socket`) corking needs. */
interface Corkable {
  cork(): void;
  uncork(): void;
  prependListener?(event: 'drain', listener: () => void): unknown;
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
 * Corking changes when bytes leave, never which bytes or their order; `end()` flushes what is corked. The
 * socket is read, never replaced or patched: amqplib 0.10.9 and 2.3 both keep it as `connection.stream` and
 * write through the same `setImmediate` multiplexer (checked in their sources).
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
  const cork = (): void => {
    if (corked) return;
    corked = true;
    stream.cork();
    setImmediate(uncorkNextTurn);
  };
  // More than the socket's high-water mark (16 KiB) corked makes amqplib stop and wait for 'drain', then
  // write the rest frame by frame: cork again first (this listener runs before amqplib's).
  stream.prependListener?.('drain', cork);
  return cork;
}
