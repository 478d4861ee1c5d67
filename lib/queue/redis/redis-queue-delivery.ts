import type { AckOptions, NackOptions, QueueDelivery, QueuedMessage } from '../outbound-queue.interface.js';

/** What a delivery settles through: its queue. */
export interface DeliverySettler {
  readonly deadLetterRejected: boolean;
  /** Ack (`options` undefined), retry, or dead-letter; only the first call per delivery counts. */
  settle(delivery: RedisQueueDelivery, options: NackOptions | undefined): Promise<void>;
}

/** One message handed to the send loop; settled exactly once. */
export class RedisQueueDelivery implements QueueDelivery {
  settled = false;

  constructor(
    /** The stream entry id. */
    readonly id: string,
    /** The entry's `message` field as stored: what a dead letter keeps. */
    readonly raw: string,
    readonly message: QueuedMessage,
    readonly attempt: number,
    readonly enqueuedAt: number | undefined,
    private readonly queue: DeliverySettler,
    readonly unsendable?: Error,
  ) {}

  ack(options?: AckOptions): Promise<void> {
    if (options?.rejectedReason !== undefined && this.queue.deadLetterRejected)
      return this.queue.settle(this, { requeue: false, reason: options.rejectedReason });
    return this.queue.settle(this, undefined);
  }

  nack(options: NackOptions): Promise<void> {
    return this.queue.settle(this, options);
  }
}
