import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';

/** Methods an object must have to serve as an {@link OutboundQueue}. */
export const OUTBOUND_QUEUE_METHODS = ['enqueue', 'receive'] as const;

/** The required {@link OutboundQueue} methods `candidate` lacks (empty when it implements the interface). */
export function missingQueueMethods(candidate: unknown): string[] {
  if (candidate === null || (typeof candidate !== 'object' && typeof candidate !== 'function')) {
    return [...OUTBOUND_QUEUE_METHODS];
  }
  const record = candidate as Record<string, unknown>;
  return OUTBOUND_QUEUE_METHODS.filter((method) => typeof record[method] !== 'function');
}

/** Whether `candidate` has the methods of an {@link OutboundQueue}. */
export function isOutboundQueue(candidate: unknown): candidate is OutboundQueue {
  return missingQueueMethods(candidate).length === 0;
}
