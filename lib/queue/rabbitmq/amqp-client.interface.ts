/**
 * The parts of amqplib (0.10 or 2.x, promise API) this library uses, as structural types so `amqplib` stays
 * an optional peer dependency: nothing here imports it.
 */

/** Message properties a publisher sets (amqplib `Options.Publish`, the subset used). */
export interface AmqpPublishOptions {
  persistent?: boolean;
  contentType?: string;
  messageId?: string;
  type?: string;
  timestamp?: number;
  headers?: Record<string, unknown>;
}

/** A delivered message (amqplib `ConsumeMessage`, the subset used). */
export interface AmqpMessageLike {
  content: Buffer;
  fields: { deliveryTag: number; redelivered: boolean };
  properties: {
    headers?: Record<string, unknown>;
    messageId?: unknown;
    timestamp?: unknown;
    /** The AMQP `type` property: a pack of several items says so (`naz.outbound.pack.v1`). */
    type?: unknown;
  };
}

/** A channel (amqplib `Channel`). */
export interface AmqpChannelLike {
  assertQueue(
    queue: string,
    options?: { durable?: boolean; arguments?: Record<string, unknown> },
  ): Promise<{ messageCount: number; consumerCount: number }>;
  checkQueue(queue: string): Promise<{ messageCount: number; consumerCount: number }>;
  prefetch(count: number, global?: boolean): Promise<unknown>;
  consume(
    queue: string,
    onMessage: (message: AmqpMessageLike | null) => void,
    options?: { noAck?: boolean },
  ): Promise<{ consumerTag: string }>;
  cancel(consumerTag: string): Promise<unknown>;
  /** With `allUpTo`, acknowledges every unacknowledged delivery of the channel up to this one. */
  ack(message: AmqpMessageLike, allUpTo?: boolean): void;
  nack(message: AmqpMessageLike, allUpTo?: boolean, requeue?: boolean): void;
  close(): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** A channel in confirm mode (amqplib `ConfirmChannel`): the callback runs when the broker confirmed (or refused) the message. */
export interface AmqpConfirmChannelLike extends AmqpChannelLike {
  sendToQueue(
    queue: string,
    content: Buffer,
    options: AmqpPublishOptions,
    callback: (error: unknown) => void,
  ): boolean;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** A connection (amqplib `ChannelModel`). */
export interface AmqpConnectionLike {
  createChannel(): Promise<AmqpChannelLike>;
  createConfirmChannel(): Promise<AmqpConfirmChannelLike>;
  close(): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Opens a connection: amqplib's `connect`, or your own (another library, a test double). */
export type AmqpConnect = (
  url: string | Record<string, unknown>,
  socketOptions?: Record<string, unknown>,
) => Promise<AmqpConnectionLike>;
