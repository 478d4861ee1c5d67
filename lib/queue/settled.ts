/**
 * An already-fulfilled promise a queue may return from `ack`/`nack`/`enqueue` when the operation completed
 * synchronously. The send loop recognises it and skips attaching a failure handler, which would otherwise
 * cost a promise and a closure per message. Other queues return their own promises as usual.
 *
 * @internal
 */
export const SETTLED: Promise<void> = Promise.resolve();
