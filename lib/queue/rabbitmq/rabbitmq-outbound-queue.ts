import { randomUUID } from 'node:crypto';
import { QueueFullError } from '../queue-full.error.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import {
  NAZ_OUTBOUND_QUEUE,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../../tokens.js';
import type {
  NackOptions,
  OutboundQueue,
  QueueDelivery,
  QueuedMessage,
} from '../outbound-queue.interface.js';
import { toError } from '../../errors/to-error.js';
import { sleep, withTimeout } from '../async-utils.js';
import { SETTLED } from '../settled.js';
import { parseQueuedMessage } from '../serialization/parse-queued-message.js';
import { serializeQueuedMessage } from '../serialization/serialize-queued-message.js';
import { unsendableMessage } from '../serialization/unsendable-item.js';
import type { AmqpMessageLike, AmqpPublishOptions } from './amqp-client.interface.js';
import { confirmPublish } from './confirm-publish.js';
import { attemptOf, RabbitMqDelivery } from './rabbitmq-delivery.js';
import {
  RabbitMqConnection,
  type RabbitMqConnectionState,
  type RabbitMqLink,
} from './rabbitmq-connection.js';
import type { RabbitMqOutboundQueueOptions } from './rabbitmq-outbound-queue-options.interface.js';
import { retryBucketMs } from './retry-delay-buckets.js';

import { ATTEMPT_HEADER, REASON_HEADER } from './rabbitmq-headers.js';

export { ATTEMPT_HEADER, REASON_HEADER };

/** What `RabbitMqOutboundQueue.health()` reports. */
export interface RabbitMqQueueHealth {
  broker: 'rabbitmq';
  connected: boolean;
  /** `connecting`, `connected`, `reconnecting` or `closed`. */
  state: RabbitMqConnectionState;
  queue: string;
  /** Messages ready in the broker (not counting unacknowledged ones nor delayed retries), when it answered. */
  depth?: number;
  deadLetters?: number;
  /** Unacknowledged messages this replica holds (handed out or buffered). */
  held: number;
  prefetch: number;
  reconnects: number;
}

interface Waiter {
  max: number;
  resolve: (deliveries: QueueDelivery[]) => void;
}

/** How many settled-but-unacknowledgeable copies are remembered to drop their redelivery. */
const SETTLED_MEMORY = 10_000;

/**
 * An outbound queue on RabbitMQ shared by every replica: a durable queue of persistent messages, confirmed on
 * enqueue, acknowledged only after the SMSC's answer.
 *
 * @remarks
 * - `enqueue` resolves when the broker confirmed the message (publisher confirms): it is on disk.
 * - Consumers get `prefetch` messages ahead; `'auto'` follows the client's window.
 * - A delayed retry is republished (with the next attempt number) to a retry queue whose TTL sends it back
 *   to the main queue; then the original is acknowledged. A message that failed for good goes to the
 *   dead-letter queue with its reason. Publish first, acknowledge second: a crash between them duplicates,
 *   never loses.
 * - When the connection drops, the broker puts every unacknowledged message back; the queue reconnects with
 *   backoff and carries on. Copies settled while disconnected are remembered and their redelivery dropped,
 *   so a short outage does not resend what the SMSC already accepted.
 * - `amqplib` is an optional peer dependency, loaded on first use.
 * @example
 * const queue = new RabbitMqOutboundQueue({ url: 'amqp://user:pass@rabbit:5672', queue: 'sms.outbound' });
 */
export class RabbitMqOutboundQueue implements OutboundQueue {
  readonly queue: string;
  readonly deadLetterQueue: string;
  readonly retryQueuePrefix: string;
  /** Whether messages the SMSC refused for good go to the dead-letter queue too (`deadLetterRejected`). */
  readonly deadLetterRejected: boolean;

  private readonly logger: NazLogger;
  private readonly autoPrefetch: boolean;
  private prefetchCount: number;
  private readonly enqueueTimeoutMs: number;
  private readonly releaseAfterMs: number;
  private lastReceiveAt = Date.now();
  private releaseTimer?: NodeJS.Timeout;
  /** The connection, its channels and reconnects. */
  private readonly connection: RabbitMqConnection;
  /** Set by the first `receive`: from then on every link consumes. */
  private consuming = false;

  private readonly buffered: RabbitMqDelivery[] = [];
  private readonly handedOut = new Set<RabbitMqDelivery>();
  private waiters: Waiter[] = [];
  private readonly settledKeys = new Set<string>();
  /** Retries and dead letters being published (then acknowledged). */
  private readonly publishing = new Set<Promise<void>>();
  private closing?: Promise<void>;
  private approximateDepth = 0;
  private depthCheckedAt = 0;

  /**
   * A Nest provider of this queue under `NAZ_OUTBOUND_QUEUE` (or the named client's token), without importing Nest.
   * @example
   * RabbitMqOutboundQueue.provider({
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ url: config.getOrThrow('AMQP_URL'), queue: 'sms.outbound' }),
   * })
   */
  static provider(
    options: NazPolicyProviderOptions<RabbitMqOutboundQueueOptions> = {},
  ): NazFactoryProvider<RabbitMqOutboundQueue> {
    return nazPolicyProvider(NAZ_OUTBOUND_QUEUE, options, (resolved) => new RabbitMqOutboundQueue(resolved));
  }

  constructor(private readonly options: RabbitMqOutboundQueueOptions = {}) {
    this.queue = options.queue ?? 'naz.outbound';
    this.deadLetterQueue = options.deadLetterQueue ?? `${this.queue}.dead`;
    this.retryQueuePrefix = options.retryQueuePrefix ?? `${this.queue}.retry.`;
    this.logger = options.logger ?? silentLogger;
    this.deadLetterRejected = options.deadLetterRejected ?? false;
    this.autoPrefetch = options.prefetch === undefined || options.prefetch === 'auto';
    this.prefetchCount = typeof options.prefetch === 'number' ? positive('prefetch', options.prefetch) : 10;
    this.enqueueTimeoutMs = positive('enqueueTimeoutMs', options.enqueueTimeoutMs ?? 30_000);
    this.releaseAfterMs = positive('releaseAfterMs', options.releaseAfterMs ?? 5_000);
    if (options.maxLength !== undefined) positive('maxLength', options.maxLength);
    this.connection = new RabbitMqConnection(
      {
        url: options.url ?? 'amqp://localhost',
        socketOptions: options.socketOptions,
        connect: options.connect,
        queue: this.queue,
        logger: this.logger,
        initialDelayMs: positive('reconnect.initialDelayMs', options.reconnect?.initialDelayMs ?? 500),
        maxDelayMs: positive('reconnect.maxDelayMs', options.reconnect?.maxDelayMs ?? 30_000),
      },
      {
        prepare: (link) => this.prepare(link),
        // The broker requeues everything this channel did not acknowledge: what is buffered here is void.
        lost: () => void this.buffered.splice(0),
        unacknowledged: (keys) => this.rememberSettled(keys),
      },
    );
  }

  /**
   * Connects, declares the queues and starts consuming; reconnects by itself afterwards. Called on first use;
   * call it to fail fast at startup (it rejects when the first connection fails).
   */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  async enqueue(message: QueuedMessage): Promise<void> {
    const deadline = Date.now() + this.enqueueTimeoutMs;
    if (!this.connection.started) await this.connect();
    if (this.options.maxLength !== undefined) await this.checkCapacity(this.options.maxLength);
    const body = Buffer.from(serializeQueuedMessage(message));
    await this.publishWithRetry(this.queue, body, this.publishOptions(message.correlationId, 1), deadline);
    this.approximateDepth++;
  }

  async receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]> {
    if (signal.aborted || this.connection.isClosed) return [];
    if (!this.connection.started) {
      try {
        await this.connect();
      } catch (error) {
        // Not connected yet: the reconnect loop keeps trying; wait for messages as usual meanwhile.
        this.connection.logProblem('first connection failed; retrying', error);
        this.connection.ensureReconnecting();
      }
    }
    const limit = Math.max(1, Math.floor(max));
    this.lastReceiveAt = Date.now();
    this.consuming = true;
    if (!this.releaseTimer) {
      this.releaseTimer = setInterval(
        () => void this.releaseIdleBuffer(),
        Math.max(50, this.releaseAfterMs / 2),
      );
      this.releaseTimer.unref();
    }
    await this.growPrefetch(limit);
    const link = this.connection.current;
    if (link)
      await this.startConsuming(link).catch((error: unknown) =>
        this.connection.logProblem('consume failed', error),
      );
    if (signal.aborted || this.connection.isClosed) return [];
    if (this.buffered.length > 0) return this.handOut(limit);
    return new Promise<QueueDelivery[]>((resolve) => {
      const waiter: Waiter = {
        max: limit,
        resolve: (deliveries) => {
          signal.removeEventListener('abort', onAbort);
          this.connection.stopped.removeEventListener('abort', onAbort);
          resolve(deliveries);
        },
      };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve([]);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.connection.stopped.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  async size(): Promise<number> {
    const link = await this.currentLink();
    const { messageCount } = await link.publish.checkQueue(this.queue);
    // Messages the broker already sent ahead (prefetch) but not handed out are still waiting.
    return messageCount + this.buffered.length;
  }

  /** Connection state and queue figures for health checks. Never throws; counts are absent when the broker does not answer within 1 s. */
  async health(): Promise<RabbitMqQueueHealth> {
    const health: RabbitMqQueueHealth = {
      broker: 'rabbitmq',
      connected: this.connection.state === 'connected',
      state: this.connection.state,
      queue: this.queue,
      held: this.handedOut.size + this.buffered.length,
      prefetch: this.prefetchCount,
      reconnects: this.connection.reconnects,
    };
    const link = this.connection.current;
    if (!link) return health;
    const counts = await withTimeout(
      Promise.all([link.publish.checkQueue(this.queue), link.publish.checkQueue(this.deadLetterQueue)]),
      1_000,
    ).catch(() => undefined);
    if (counts) {
      health.depth = counts[0].messageCount + this.buffered.length;
      health.deadLetters = counts[1].messageCount;
    }
    return health;
  }

  /**
   * Stops consuming and closes the connection. Messages buffered or handed out and not settled go back to
   * the queue (the broker requeues whatever a closed channel did not acknowledge).
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // Retries and dead letters being published finish first (their publish needs the link).
    await withTimeout(Promise.allSettled([...this.publishing]), 5_000).catch(() => undefined);
    if (this.releaseTimer) clearInterval(this.releaseTimer);
    const closing = this.connection.close();
    this.buffered.splice(0);
    await closing;
  }

  /** Nest lifecycle hook: closes the queue when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** @internal Settles a delivery: ack (`options` undefined), retry, or dead-letter. */
  settle(delivery: RabbitMqDelivery, options: NackOptions | undefined): Promise<void> {
    if (delivery.settled) return SETTLED;
    delivery.settled = true;
    this.handedOut.delete(delivery);
    if (options === undefined) {
      this.acknowledge(delivery);
      return SETTLED;
    }
    // A retry or dead letter is published before the ack: close() waits for it, so stopping right after the
    // client's last nack neither loses the dead letter nor sends the message again.
    const publishing = this.publishThenAcknowledge(delivery, options);
    this.publishing.add(publishing);
    const forget = (): boolean => this.publishing.delete(publishing);
    publishing.then(forget, forget);
    return publishing;
  }

  private async publishThenAcknowledge(delivery: RabbitMqDelivery, options: NackOptions): Promise<void> {
    const deadline = Date.now() + this.enqueueTimeoutMs;
    const correlationId = delivery.message.correlationId;
    if (!options.requeue) {
      // A dead letter keeps the body as it was published, not as this library would write it again.
      const publish = this.publishOptions(correlationId, delivery.attempt);
      publish.headers = {
        ...delivery.raw.properties.headers,
        [ATTEMPT_HEADER]: delivery.attempt,
        [REASON_HEADER]: options.reason ?? 'failed',
        'x-naz-failed-at': Date.now(),
      };
      await this.publishWithRetry(this.deadLetterQueue, delivery.raw.content, publish, deadline);
    } else {
      const body = delivery.unsendable
        ? delivery.raw.content
        : Buffer.from(serializeQueuedMessage(delivery.message, { enqueuedAt: delivery.enqueuedAt }));
      const delayMs = Math.max(0, Math.floor(options.delayMs ?? 0));
      const target = delayMs === 0 ? this.queue : await this.retryQueue(retryBucketMs(delayMs), deadline);
      await this.publishWithRetry(
        target,
        body,
        this.publishOptions(correlationId, delivery.attempt + 1),
        deadline,
      );
    }
    this.acknowledge(delivery);
  }

  private acknowledge(delivery: RabbitMqDelivery): void {
    const link = this.connection.current;
    if (link && link.generation === delivery.generation) link.acks.ack(delivery.raw);
    else this.rememberSettled([delivery.key]);
  }

  /** Settled copies whose channel is gone: the broker delivers them again, and that redelivery is dropped. */
  private rememberSettled(keys: string[]): void {
    for (const key of keys) {
      this.settledKeys.add(key);
      if (this.settledKeys.size > SETTLED_MEMORY)
        this.settledKeys.delete(this.settledKeys.values().next().value as string);
    }
  }

  /**
   * A first attempt carries no header table: a missing `x-naz-attempt` reads as 1 (docs/QUEUE-FORMAT.md), and
   * the table cost amqplib an `encodeTable` per publish and a decode per delivery, ~4% of the client's CPU in
   * the RabbitMQ pipeline (bench/README.md, "RabbitMQ durable pipeline").
   */
  private publishOptions(correlationId: string, attempt: number): AmqpPublishOptions {
    const options: AmqpPublishOptions = {
      persistent: true,
      contentType: 'application/json',
      type: 'naz.outbound.v1',
      messageId: correlationId,
      timestamp: Math.floor(Date.now() / 1000),
    };
    if (attempt > 1) options.headers = { [ATTEMPT_HEADER]: attempt };
    return options;
  }

  /** Publishes and waits for the broker's confirm; on a lost connection, waits for the next one and publishes again. */
  private async publishWithRetry(
    queue: string,
    body: Buffer,
    options: AmqpPublishOptions,
    deadline: number,
  ): Promise<void> {
    for (;;) {
      const link = await this.currentLink(deadline);
      try {
        link.cork();
        await confirmPublish(link.publish, queue, body, options);
        return;
      } catch (error) {
        const message = toError(error).message;
        if (message === 'message nacked') {
          throw new Error(`RabbitMQ refused the message for queue "${queue}" (publisher confirm nack)`, {
            cause: error,
          });
        }
        if (this.connection.isClosed)
          throw new Error(`RabbitMqOutboundQueue(${this.queue}) closed before the broker confirmed`, {
            cause: error,
          });
        if (Date.now() >= deadline)
          throw new Error(`RabbitMQ did not confirm within ${this.enqueueTimeoutMs} ms: ${message}`, {
            cause: error,
          });
        // The channel or connection broke: the message may or may not be stored; publishing again is at-least-once.
        this.connection.logProblem('publish interrupted; publishing again after reconnect', error);
        if (this.connection.current === link) await sleep(50, this.connection.stopped);
      }
    }
  }

  private async retryQueue(bucketMs: number, deadline: number): Promise<string> {
    const name = `${this.retryQueuePrefix}${bucketMs}`;
    const link = await this.currentLink(deadline);
    if (!link.retryQueues.has(bucketMs)) {
      await link.publish.assertQueue(name, {
        durable: true,
        arguments: {
          'x-message-ttl': bucketMs,
          // Expired messages go back to the main queue through the default exchange.
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': this.queue,
        },
      });
      link.retryQueues.add(bucketMs);
    }
    return name;
  }

  private async checkCapacity(maxLength: number): Promise<void> {
    // The broker's own x-max-length would drop dead-lettered retries once full; the bound is enforced here.
    if (Date.now() - this.depthCheckedAt > 200 || this.approximateDepth >= maxLength) {
      const link = await this.currentLink(Date.now() + this.enqueueTimeoutMs);
      this.approximateDepth = (await link.publish.checkQueue(this.queue)).messageCount;
      this.depthCheckedAt = Date.now();
    }
    if (this.approximateDepth >= maxLength) {
      throw new QueueFullError(
        maxLength,
        `RabbitMQ queue "${this.queue}" holds ${maxLength} messages (maxLength); retry later or raise maxLength`,
      );
    }
  }

  private async growPrefetch(limit: number): Promise<void> {
    if (!this.autoPrefetch) return;
    const wanted = Math.min(1_000, this.handedOut.size + limit);
    if (wanted <= this.prefetchCount) return;
    this.prefetchCount = wanted;
    // basic.qos applies to the deliveries that follow; a failure here only means the link is down.
    await this.connection.current?.consume.prefetch(this.prefetchCount, true).catch(() => undefined);
  }

  /** Declares the queues on a fresh link, and consumes on it once this replica receives. */
  private async prepare(link: RabbitMqLink): Promise<void> {
    await link.publish.assertQueue(this.queue, { durable: true, arguments: this.options.queueArguments });
    await link.publish.assertQueue(this.deadLetterQueue, { durable: true });
    if (this.consuming) await this.startConsuming(link);
  }

  /**
   * Subscribes the link's consumer. Only replicas that `receive` consume: a producer-only instance never
   * takes messages from the broker.
   */
  private startConsuming(link: RabbitMqLink): Promise<void> {
    link.consuming ??= (async () => {
      // global: the limit is the channel's, so raising it later applies to this consumer at once
      // (a per-consumer limit only applies to consumers subscribed after the change).
      await link.consume.prefetch(this.prefetchCount, true);
      const { consumerTag } = await link.consume.consume(this.queue, (raw) => this.onMessage(link, raw), {
        noAck: false,
      });
      link.consumerTag = consumerTag;
    })();
    link.consuming.catch(() => (link.consuming = undefined));
    return link.consuming;
  }

  /**
   * The send loop stopped asking (its SMSC session is down): stop consuming and give the prefetched
   * messages back to the broker, so other replicas send them meanwhile. The next `receive` resumes.
   */
  private async releaseIdleBuffer(): Promise<void> {
    const link = this.connection.current;
    if (!link?.consumerTag || this.buffered.length === 0 || this.waiters.length > 0) return;
    if (Date.now() - this.lastReceiveAt < this.releaseAfterMs) return;
    const tag = link.consumerTag;
    link.consumerTag = undefined;
    link.consuming = undefined;
    try {
      await link.consume.cancel(tag);
      const unsent = this.buffered.splice(0);
      for (const delivery of unsent) {
        link.acks.released(delivery.raw);
        link.consume.nack(delivery.raw, false, true);
      }
      this.logger.info('rabbitmq queue: released prefetched messages while not receiving', {
        queue: this.queue,
        count: unsent.length,
      });
    } catch (error) {
      this.connection.logProblem('could not release prefetched messages', error);
    }
  }

  /** The live link, waiting (until `deadline`) for a reconnect when there is none. */
  private currentLink(deadline = Date.now() + this.enqueueTimeoutMs): Promise<RabbitMqLink> {
    return this.connection.waitForLink(deadline);
  }

  private onMessage(link: RabbitMqLink, raw: AmqpMessageLike | null): void {
    if (raw === null) {
      // The broker cancelled the consumer (queue deleted): start over on a new connection.
      this.connection.lose(link, 'consumer cancelled by the broker');
      return;
    }
    // A link still being opened (not adopted yet) may already deliver; a replaced one never does.
    const current = this.connection.current;
    if (current !== undefined && current !== link) return;
    const attempt = attemptOf(raw);
    const messageId =
      typeof raw.properties.messageId === 'string' && raw.properties.messageId !== ''
        ? raw.properties.messageId
        : undefined;
    let delivery: RabbitMqDelivery;
    try {
      const parsed = parseQueuedMessage(
        raw.content,
        messageId ? { fallbackCorrelationId: () => messageId } : {},
      );
      delivery = new RabbitMqDelivery(raw, parsed.message, attempt, parsed.enqueuedAt, link.generation, this);
    } catch (error) {
      // Handed out marked unsendable: the client reports it failed and dead-letters it with the reason.
      this.logger.warn('rabbitmq queue: unreadable message; the client fails it and dead-letters it', {
        queue: this.queue,
        reason: toError(error).message,
      });
      const message = unsendableMessage(raw.content, () => messageId ?? randomUUID());
      delivery = new RabbitMqDelivery(
        raw,
        message,
        attempt,
        undefined,
        link.generation,
        this,
        toError(error),
      );
    }
    link.acks.delivered(raw, delivery.key);
    if (this.settledKeys.delete(delivery.key)) {
      // Already answered by the SMSC (or requeued) while its channel was down: drop the broker's copy.
      // The redelivered flag cannot be relied on: after a broker restart RabbitMQ 3.10 delivers recovered
      // messages with redelivered=false. A key is correlationId#attempt, so a retry copy never matches.
      link.acks.ack(raw);
      return;
    }
    this.buffered.push(delivery);
    this.serveWaiters();
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0 && this.buffered.length > 0) {
      const waiter = this.waiters.shift() as Waiter;
      waiter.resolve(this.handOut(waiter.max));
      this.lastReceiveAt = Date.now();
    }
  }

  private handOut(max: number): RabbitMqDelivery[] {
    const deliveries = this.buffered.splice(0, max);
    for (const delivery of deliveries) this.handedOut.add(delivery);
    return deliveries;
  }
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`RabbitMqOutboundQueue ${name} must be > 0, got ${String(value)}`);
  return value;
}
