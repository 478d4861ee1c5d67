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
import { parseQueuedMessage, parseQueueItem } from '../serialization/parse-queued-message.js';
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
import { PackPublisher } from './pack-publisher.js';
import { isPack, ITEM_TYPE, PACK_TYPE, packItems, RabbitMqPack } from './rabbitmq-pack.js';

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
  /** Average items per AMQP message this replica published or received lately: 1 without packs (`packMessages`). */
  itemsPerMessage: number;
}

interface Waiter {
  max: number;
  resolve: (deliveries: QueueDelivery[]) => void;
}

/** How many settled-but-unacknowledgeable copies are remembered to drop their redelivery. */
const SETTLED_MEMORY = 10_000;

/** Weight of the newest pack in the running average of items per AMQP message. */
const PACK_SIZE_WEIGHT = 0.1;

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
 * - With `packMessages` > 1 the enqueues of one event-loop turn travel in one AMQP message (a pack); each item
 *   is still confirmed, handed out and settled on its own, and the pack acknowledged when all are. Every
 *   consumer reads packs, whatever its own setting (docs/QUEUE-FORMAT.md, "Packs").
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
  /** Gathers a turn's enqueues into one AMQP message (`packMessages` > 1). */
  private readonly packer?: PackPublisher;
  /** Packs delivered on the current link and not yet acknowledged (some item still unsettled). */
  private readonly openPacks = new Set<RabbitMqPack>();
  /** Running average of items per AMQP message published or delivered here: turns broker counts into messages. */
  private itemsPerMessage = 1;

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
    const packMessages = positive('packMessages', options.packMessages ?? 1);
    if (!Number.isInteger(packMessages))
      throw new RangeError(`RabbitMqOutboundQueue packMessages must be an integer, got ${packMessages}`);
    if (packMessages > 1)
      this.packer = new PackPublisher(packMessages, (body, items, correlationId, deadline) =>
        this.publishGathered(body, items, correlationId, deadline),
      );
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
        lost: (link) => this.forgetLink(link),
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
    const json = serializeQueuedMessage(message);
    if (this.packer) await this.packer.add(json, message.correlationId, deadline);
    else
      await this.publishWithRetry(
        this.queue,
        Buffer.from(json),
        this.publishOptions(message.correlationId, 1),
        deadline,
      );
    this.approximateDepth++;
  }

  /** Publishes one turn's enqueues: one item in the one-item format, several as a pack. */
  private publishGathered(
    body: Buffer,
    items: number,
    correlationId: string,
    deadline: number,
  ): Promise<void> {
    this.notePackSize(items);
    if (items === 1)
      return this.publishWithRetry(this.queue, body, this.publishOptions(correlationId, 1), deadline);
    const options = this.publishOptions(`pack-${correlationId}`, 1);
    options.type = PACK_TYPE;
    return this.publishWithRetry(this.queue, body, options, deadline);
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
    return this.messagesIn(messageCount) + this.buffered.length;
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
      itemsPerMessage: Math.round(this.itemsPerMessage * 10) / 10,
    };
    const link = this.connection.current;
    if (!link) return health;
    const counts = await withTimeout(
      Promise.all([link.publish.checkQueue(this.queue), link.publish.checkQueue(this.deadLetterQueue)]),
      1_000,
    ).catch(() => undefined);
    if (counts) {
      health.depth = this.messagesIn(counts[0].messageCount) + this.buffered.length;
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
      await this.publishWithRetry(this.deadLetterQueue, delivery.itemBody, publish, deadline);
    } else {
      const body = delivery.unsendable
        ? delivery.itemBody
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
    if (!link || link.generation !== delivery.generation) {
      this.rememberSettled([delivery.key]);
      return;
    }
    const pack = delivery.pack;
    if (pack === undefined) link.acks.ack(delivery.raw);
    else if (pack.itemSettled(delivery.key)) {
      this.openPacks.delete(pack);
      link.acks.ack(pack.raw);
    }
  }

  /**
   * The link is gone, and the broker requeued whatever it delivered and was not acknowledged: what is
   * buffered here is void, and the items already settled of the packs still open are remembered, so that
   * the copy of their pack the broker delivers next does not send them again.
   */
  private forgetLink(link: RabbitMqLink): void {
    this.buffered.splice(0);
    for (const pack of this.openPacks) {
      if (pack.generation !== link.generation) continue;
      this.rememberSettled(pack.settledKeys);
      this.openPacks.delete(pack);
    }
  }

  /** Adds one AMQP message of `items` items to the running average. */
  private notePackSize(items: number): void {
    this.itemsPerMessage += (items - this.itemsPerMessage) * PACK_SIZE_WEIGHT;
  }

  /** The queue items in `count` broker messages: exact without packs, estimated from their average size with. */
  private messagesIn(count: number): number {
    return Math.round(count * Math.max(1, this.itemsPerMessage));
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
      type: ITEM_TYPE,
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
      this.approximateDepth = this.messagesIn((await link.publish.checkQueue(this.queue)).messageCount);
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
    // The broker counts AMQP messages; with packs each holds several items (and one more covers the time
    // a settled pack's ack takes to free its place).
    const packs = this.itemsPerMessage > 1.5;
    const wanted = Math.min(
      1_000,
      Math.ceil((this.handedOut.size + limit) / Math.max(1, this.itemsPerMessage)) + (packs ? 1 : 0),
    );
    // It grows at once; with packs it also shrinks, when packs got larger, to bound what a crash redelivers.
    if (wanted <= this.prefetchCount && !(packs && wanted * 4 <= this.prefetchCount)) return;
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
      const unsent = this.releasable(this.buffered.splice(0));
      for (const raw of unsent) {
        link.acks.released(raw);
        link.consume.nack(raw, false, true);
      }
      this.logger.info('rabbitmq queue: released prefetched messages while not receiving', {
        queue: this.queue,
        count: unsent.length,
      });
    } catch (error) {
      this.connection.logProblem('could not release prefetched messages', error);
    }
  }

  /**
   * The broker's messages that can go back among `buffered`, which it empties: every single item, and the
   * packs with all their items buffered and none settled. The items of other packs stay buffered (their
   * pack is acknowledged once they are settled).
   */
  private releasable(buffered: RabbitMqDelivery[]): AmqpMessageLike[] {
    const raws: AmqpMessageLike[] = [];
    const bufferedItems = new Map<RabbitMqPack, number>();
    for (const delivery of buffered)
      if (delivery.pack) bufferedItems.set(delivery.pack, (bufferedItems.get(delivery.pack) ?? 0) + 1);
    for (const delivery of buffered) {
      const pack = delivery.pack;
      if (pack === undefined) raws.push(delivery.raw);
      else if (pack.untouched && bufferedItems.get(pack) === pack.size) {
        if (this.openPacks.delete(pack)) raws.push(pack.raw);
      } else this.buffered.push(delivery);
    }
    return raws;
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
    if (isPack(raw)) {
      const items = this.readPack(raw);
      if (items !== undefined) {
        this.onPack(link, raw, items, attempt, messageId);
        return;
      }
    } else this.notePackSize(1);
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
      delivery = this.unsendableDelivery(raw, message, attempt, link, error);
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

  /**
   * A pack's items, or undefined when its body is not a non-empty JSON array: it is then read as one
   * message, which fails as unreadable (logged there) and is dead-lettered whole.
   */
  private readPack(raw: AmqpMessageLike): unknown[] | undefined {
    try {
      return packItems(raw.content);
    } catch {
      return undefined;
    }
  }

  /**
   * Hands out a pack's items one by one. Each is read like a message of its own (an unreadable item is
   * failed and dead-lettered alone); items already answered on a lost channel are dropped from this copy.
   */
  private onPack(
    link: RabbitMqLink,
    raw: AmqpMessageLike,
    items: unknown[],
    attempt: number,
    messageId: string | undefined,
  ): void {
    this.notePackSize(items.length);
    const pack = new RabbitMqPack(raw, items.length, link.generation);
    link.acks.delivered(raw, pack.settledKeys);
    // An item without a correlation id gets one from its place in the pack: the same on every redelivery.
    const packId = messageId ?? `pack-${raw.fields.deliveryTag}-${randomUUID()}`;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      const fallbackCorrelationId = (): string => `${packId}/${index}`;
      let delivery: RabbitMqDelivery;
      try {
        const parsed = parseQueueItem(item, { fallbackCorrelationId });
        delivery = new RabbitMqDelivery(
          raw,
          parsed.message,
          attempt,
          parsed.enqueuedAt,
          link.generation,
          this,
        );
      } catch (error) {
        this.logger.warn(
          'rabbitmq queue: unreadable item in a pack; the client fails it and dead-letters it',
          {
            queue: this.queue,
            index,
            reason: toError(error).message,
          },
        );
        const message = unsendableMessage(JSON.stringify(item) ?? 'null', fallbackCorrelationId);
        delivery = this.unsendableDelivery(raw, message, attempt, link, error);
      }
      delivery.pack = pack;
      delivery.packItem = item;
      // Answered while the channel it first came on was down: not sent again.
      if (this.settledKeys.delete(delivery.key)) pack.itemSettled(delivery.key);
      else this.buffered.push(delivery);
    }
    if (pack.settledKeys.length === pack.size) link.acks.ack(raw);
    else this.openPacks.add(pack);
    this.serveWaiters();
  }

  /** A delivery handed out marked unsendable: the client reports it failed and dead-letters it with the reason. */
  private unsendableDelivery(
    raw: AmqpMessageLike,
    message: QueuedMessage,
    attempt: number,
    link: RabbitMqLink,
    error: unknown,
  ): RabbitMqDelivery {
    return new RabbitMqDelivery(raw, message, attempt, undefined, link.generation, this, toError(error));
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
