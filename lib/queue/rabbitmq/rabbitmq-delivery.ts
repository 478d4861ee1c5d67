import type { AckOptions, NackOptions, QueueDelivery, QueuedMessage } from '../outbound-queue.interface.js';
import type { AmqpMessageLike } from './amqp-client.interface.js';
import { ATTEMPT_HEADER } from './rabbitmq-headers.js';

/** What a delivery needs of its queue to settle. */
export interface RabbitMqSettler {
  readonly deadLetterRejected: boolean;
  settle(delivery: RabbitMqDelivery, options: NackOptions | undefined): Promise<void>;
}

/** One copy of a message handed out by `RabbitMqOutboundQueue`: its ack, retry or dead letter goes through the queue. */
export class RabbitMqDelivery implements QueueDelivery {
  settled = false;

  constructor(
    readonly raw: AmqpMessageLike,
    readonly message: QueuedMessage,
    readonly attempt: number,
    readonly enqueuedAt: number | undefined,
    /** The connection it came on: its ack is only valid there. */
    readonly generation: number,
    private readonly queue: RabbitMqSettler,
    readonly unsendable?: Error,
  ) {}

  /** Identifies this copy of the message (a retry is a new copy, with the next attempt number). */
  get key(): string {
    return `${this.message.correlationId}#${this.attempt}`;
  }

  ack(options?: AckOptions): Promise<void> {
    if (options?.rejectedReason !== undefined && this.queue.deadLetterRejected)
      return this.queue.settle(this, { requeue: false, reason: options.rejectedReason });
    return this.queue.settle(this, undefined);
  }

  nack(options: NackOptions): Promise<void> {
    return this.queue.settle(this, options);
  }
}

/** The delivery attempt a message carries (`x-naz-attempt`), 1 when absent or invalid. */
export function attemptOf(raw: AmqpMessageLike): number {
  const value = Number(raw.properties.headers?.[ATTEMPT_HEADER] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}
