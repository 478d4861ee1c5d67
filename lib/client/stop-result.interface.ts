import type { QueuedMessage } from '../queue/outbound-queue.interface.js';

/**
 * What `SmppClient.stop()` resolves with: the messages it did not send, so none leaves the process unaccounted
 * for.
 *
 * @remarks
 * With the in-memory queue, every message still waiting at stop (never sent, or put back because the SMSC did
 * not answer within `drainTimeoutMs`) is returned in `unsent` (and stays in that queue, which dies with the
 * process): persist them, or set
 * `spillFile` and the client writes them there and queues them again at the next `start()`. A durable queue
 * (Redis, RabbitMQ...) keeps its messages: `unsent` is empty and `leftInQueue` says how many stay there.
 * The same value is emitted as the `stopped` event, and a warning names the count and the first correlation ids.
 */
export interface StopResult {
  /** The client's name. */
  client: string;
  /** Messages still waiting in the in-memory queue, unsent, in queue order. Empty with a durable queue. */
  unsent: QueuedMessage[];
  /** The file `unsent` was written to (the `spillFile` option), when it was written. */
  spillFile?: string;
  /** Messages that stay in a durable queue, when the queue reports its size. */
  leftInQueue?: number;
}
