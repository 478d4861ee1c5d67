import type { AckOptions, NackOptions, QueueDelivery, QueuedMessage } from '../outbound-queue.interface.js';
import type { AmqpMessageLike } from './amqp-client.interface.js';
import { ATTEMPT_HEADER } from './rabbitmq-headers.js';
import type { RabbitMqPack } from './rabbitmq-pack.js';

/** What a delivery needs of its queue to settle. */
export interface RabbitMqSettler {
  readonly deadLetterRejected: boolean;
  settle(delivery: RabbitMqDelivery, options: NackOptions | undefined): Promise<void>;
}

/** One copy of a message handed out by `RabbitMqOutboundQueue`: its ack, retry or dead letter goes through the queue. */
export class RabbitMqDelivery implements QueueDelivery {
  settled = false;
  /** The pack it came in, when the broker's message carried several items. */
  pack: RabbitMqPack | undefined = undefined;
  /** Its item as it was in the pack (JSON), for a dead letter that keeps the item as published. */
  packItem: unknown = undefined;

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

  /** The body of this item alone: the broker's message, or its item of a pack. */
  get itemBody(): Buffer {
    return this.pack === undefined ? this.raw.content : Buffer.from(JSON.stringify(this.packItem));
  }

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
