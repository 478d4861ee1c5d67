import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';

/**
 * Wraps a queue so that the client's `close()` at stop is deferred: the CLI still needs the queue after the
 * client has drained (to spill what an in-memory queue holds), and closes it itself with `closeNow()`.
 */
export function holdClose(queue: OutboundQueue): { queue: OutboundQueue; closeNow(): Promise<void> } {
  const held: OutboundQueue = {
    enqueue: (message) => queue.enqueue(message),
    receive: (max, signal) => queue.receive(max, signal),
    close: () => Promise.resolve(),
  };
  if (queue.size) held.size = () => queue.size!();
  return { queue: held, closeNow: () => queue.close?.() ?? Promise.resolve() };
}
