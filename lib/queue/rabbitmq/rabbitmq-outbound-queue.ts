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
  AckOptions,
  NackOptions,
  OutboundQueue,
  QueueDelivery,
  QueuedMessage,
} from '../outbound-queue.interface.js';
import { sleep, withTimeout } from '../async-utils.js';
import { SETTLED } from '../settled.js';
import { parseQueuedMessage } from '../serialization/parse-queued-message.js';
import { serializeQueuedMessage } from '../serialization/serialize-queued-message.js';
import { unsendableMessage } from '../serialization/unsendable-item.js';
import type {
  AmqpChannelLike,
  AmqpConfirmChannelLike,
  AmqpConnectionLike,
  AmqpMessageLike,
  AmqpPublishOptions,
} from './amqp-client.interface.js';
import { loadAmqpConnect } from './load-amqplib.js';
import type { RabbitMqOutboundQueueOptions } from './rabbitmq-outbound-queue-options.interface.js';
import { retryBucketMs } from './retry-delay-buckets.js';

/** Header carrying the delivery attempt (1 on the first enqueue). */
export const ATTEMPT_HEADER = 'x-naz-attempt';
/** Header carrying why a dead-lettered message failed. */
export const REASON_HEADER = 'x-naz-reason';

/** What `RabbitMqOutboundQueue.health()` reports. */
export interface RabbitMqQueueHealth {
  broker: 'rabbitmq';
  connected: boolean;
  /** `connecting`, `connected`, `reconnecting` or `closed`. */
  state: 'connecting' | 'connected' | 'reconnecting' | 'closed';
  queue: string;
  /** Messages ready in the broker (not counting unacknowledged ones nor delayed retries), when it answered. */
  depth?: number;
  deadLetters?: number;
  /** Unacknowledged messages this replica holds (handed out or buffered). */
  held: number;
  prefetch: number;
  reconnects: number;
}

/** One connection with its two channels: publishing (confirm mode) and consuming (manual acks). */
interface Link {
  connection: AmqpConnectionLike;
  publish: AmqpConfirmChannelLike;
  consume: AmqpChannelLike;
  generation: number;
  retryQueues: Set<number>;
  /** Set once this link's consumer is subscribed (cleared when it is paused). */
  consuming?: Promise<void>;
  consumerTag?: string;
}

class RabbitMqDelivery implements QueueDelivery {
  settled = false;

  constructor(
    readonly raw: AmqpMessageLike,
    readonly message: QueuedMessage,
    readonly attempt: number,
    readonly enqueuedAt: number | undefined,
    /** The connection it came on: its ack is only valid there. */
    readonly generation: number,
    private readonly queue: RabbitMqOutboundQueue,
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
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  private link?: Link;
  private generation = 0;
  private state: RabbitMqQueueHealth['state'] = 'connecting';
  private started = false;
  private closed = false;
  private reconnects = 0;
  private connectedWaiters: Array<() => void> = [];
  private readonly stopping = new AbortController();
  private firstConnect?: Promise<void>;

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
    this.initialDelayMs = positive('reconnect.initialDelayMs', options.reconnect?.initialDelayMs ?? 500);
    this.maxDelayMs = positive('reconnect.maxDelayMs', options.reconnect?.maxDelayMs ?? 30_000);
    if (options.maxLength !== undefined) positive('maxLength', options.maxLength);
  }

  /**
   * Connects, declares the queues and starts consuming; reconnects by itself afterwards. Called on first use;
   * call it to fail fast at startup (it rejects when the first connection fails).
   */
  async connect(): Promise<void> {
    if (this.closed) throw new Error(`RabbitMqOutboundQueue(${this.queue}) is closed`);
    if (this.link) return;
    this.firstConnect ??= this.open().then(
      (link) => this.adopt(link),
      (error: unknown) => {
        this.firstConnect = undefined;
        throw error;
      },
    );
    return this.firstConnect;
  }

  async enqueue(message: QueuedMessage): Promise<void> {
    const deadline = Date.now() + this.enqueueTimeoutMs;
    if (!this.started) await this.connect();
    if (this.options.maxLength !== undefined) await this.checkCapacity(this.options.maxLength);
    const body = Buffer.from(serializeQueuedMessage(message));
    await this.publishWithRetry(this.queue, body, this.publishOptions(message.correlationId, 1), deadline);
    this.approximateDepth++;
  }

  async receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]> {
    if (signal.aborted || this.closed) return [];
    if (!this.started) {
      try {
        await this.connect();
      } catch (error) {
        // Not connected yet: the reconnect loop keeps trying; wait for messages as usual meanwhile.
        this.logProblem('first connection failed; retrying', error);
        this.scheduleReconnect();
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
    if (this.link)
      await this.startConsuming(this.link).catch((error: unknown) =>
        this.logProblem('consume failed', error),
      );
    if (signal.aborted || this.closed) return [];
    if (this.buffered.length > 0) return this.handOut(limit);
    return new Promise<QueueDelivery[]>((resolve) => {
      const waiter: Waiter = {
        max: limit,
        resolve: (deliveries) => {
          signal.removeEventListener('abort', onAbort);
          this.stopping.signal.removeEventListener('abort', onAbort);
          resolve(deliveries);
        },
      };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve([]);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.stopping.signal.addEventListener('abort', onAbort, { once: true });
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
      connected: this.state === 'connected',
      state: this.state,
      queue: this.queue,
      held: this.handedOut.size + this.buffered.length,
      prefetch: this.prefetchCount,
      reconnects: this.reconnects,
    };
    const link = this.link;
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
    this.closed = true;
    this.state = 'closed';
    this.stopping.abort();
    if (this.releaseTimer) clearInterval(this.releaseTimer);
    for (const resolve of this.connectedWaiters.splice(0)) resolve();
    const link = this.link;
    this.link = undefined;
    this.buffered.splice(0);
    if (!link) return;
    // Channels first: RabbitMQ runs each channel in its own process, so a connection.close may overtake the
    // acks just sent on a channel (they would be requeued and sent again). channel.close is answered only
    // after the channel's earlier frames.
    await withTimeout(Promise.allSettled([link.consume.close(), link.publish.close()]), 5_000).catch(
      () => undefined,
    );
    await withTimeout(link.connection.close(), 5_000).catch(() => undefined);
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
        ...publish.headers,
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
    const link = this.link;
    if (link && link.generation === delivery.generation) {
      try {
        link.consume.ack(delivery.raw);
        return;
      } catch {
        // The channel closed under us: handled below like any stale delivery.
      }
    }
    // Its channel is gone, so the broker will deliver this copy again: remember it to drop that redelivery.
    this.settledKeys.add(delivery.key);
    if (this.settledKeys.size > SETTLED_MEMORY)
      this.settledKeys.delete(this.settledKeys.values().next().value as string);
  }

  private publishOptions(correlationId: string, attempt: number): AmqpPublishOptions {
    return {
      persistent: true,
      contentType: 'application/json',
      type: 'naz.outbound.v1',
      messageId: correlationId,
      timestamp: Math.floor(Date.now() / 1000),
      headers: { [ATTEMPT_HEADER]: attempt },
    };
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
        await confirmPublish(link.publish, queue, body, options);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message === 'message nacked') {
          throw new Error(`RabbitMQ refused the message for queue "${queue}" (publisher confirm nack)`, {
            cause: error,
          });
        }
        if (this.closed)
          throw new Error(`RabbitMqOutboundQueue(${this.queue}) closed before the broker confirmed`, {
            cause: error,
          });
        if (Date.now() >= deadline)
          throw new Error(`RabbitMQ did not confirm within ${this.enqueueTimeoutMs} ms: ${message}`, {
            cause: error,
          });
        // The channel or connection broke: the message may or may not be stored; publishing again is at-least-once.
        this.logProblem('publish interrupted; publishing again after reconnect', error);
        if (this.link === link) await sleep(50, this.stopping.signal);
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
    await this.link?.consume.prefetch(this.prefetchCount, true).catch(() => undefined);
  }

  private async open(): Promise<Link> {
    const connect = this.options.connect ?? (await loadAmqpConnect('RabbitMqOutboundQueue'));
    const connection = await connect(this.options.url ?? 'amqp://localhost', this.options.socketOptions);
    const generation = ++this.generation;
    try {
      const publish = await connection.createConfirmChannel();
      const consume = await connection.createChannel();
      const link: Link = { connection, publish, consume, generation, retryQueues: new Set() };
      connection.on('error', (error: unknown) => this.logProblem('connection error', error));
      connection.on('close', () => this.lost(link, 'connection closed'));
      for (const channel of [publish, consume]) {
        channel.on('error', (error: unknown) => this.logProblem('channel error', error));
        // A channel closed by the broker (a precondition failed, the queue was deleted) ends the link.
        channel.on('close', () => this.lost(link, 'channel closed'));
      }
      await publish.assertQueue(this.queue, { durable: true, arguments: this.options.queueArguments });
      await publish.assertQueue(this.deadLetterQueue, { durable: true });
      if (this.consuming) await this.startConsuming(link);
      return link;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Subscribes the link's consumer. Only replicas that `receive` consume: a producer-only instance never
   * takes messages from the broker.
   */
  private startConsuming(link: Link): Promise<void> {
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
    const link = this.link;
    if (!link?.consumerTag || this.buffered.length === 0 || this.waiters.length > 0) return;
    if (Date.now() - this.lastReceiveAt < this.releaseAfterMs) return;
    const tag = link.consumerTag;
    link.consumerTag = undefined;
    link.consuming = undefined;
    try {
      await link.consume.cancel(tag);
      const unsent = this.buffered.splice(0);
      for (const delivery of unsent) link.consume.nack(delivery.raw, false, true);
      this.logger.info('rabbitmq queue: released prefetched messages while not receiving', {
        queue: this.queue,
        count: unsent.length,
      });
    } catch (error) {
      this.logProblem('could not release prefetched messages', error);
    }
  }

  private adopt(link: Link): void {
    if (this.closed) {
      void link.connection.close().catch(() => undefined);
      return;
    }
    this.link = link;
    this.started = true;
    this.state = 'connected';
    for (const resolve of this.connectedWaiters.splice(0)) resolve();
    this.logger.info('rabbitmq queue: connected', { queue: this.queue, reconnects: this.reconnects });
  }

  private lost(link: Link, why: string): void {
    if (this.link !== link) return;
    this.link = undefined;
    // The broker requeues everything this channel did not acknowledge: what is buffered here is void.
    this.buffered.splice(0);
    if (this.closed) return;
    this.logger.warn('rabbitmq queue: connection lost; reconnecting', { queue: this.queue, why });
    void link.connection.close().catch(() => undefined);
    this.scheduleReconnect();
  }

  private reconnecting = false;
  /** Set by the first `receive`: from then on every link consumes. */
  private consuming = false;

  private scheduleReconnect(): void {
    if (this.reconnecting || this.closed) return;
    this.reconnecting = true;
    this.started = true;
    this.state = 'reconnecting';
    void (async () => {
      let delay = this.initialDelayMs;
      while (!this.closed && !this.link) {
        await sleep(delay * (0.8 + Math.random() * 0.4), this.stopping.signal);
        if (this.closed) break;
        try {
          const link = await this.open();
          this.reconnects++;
          this.adopt(link);
        } catch (error) {
          this.logProblem('reconnect failed', error);
          delay = Math.min(delay * 2, this.maxDelayMs);
        }
      }
      this.reconnecting = false;
    })();
  }

  /** The live link, waiting (until `deadline`) for a reconnect when there is none. */
  private async currentLink(deadline = Date.now() + this.enqueueTimeoutMs): Promise<Link> {
    for (;;) {
      if (this.closed) throw new Error(`RabbitMqOutboundQueue(${this.queue}) is closed`);
      if (this.link) return this.link;
      if (!this.started) {
        await this.connect();
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`RabbitMQ is unreachable (queue "${this.queue}"); still reconnecting`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.connectedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private onMessage(link: Link, raw: AmqpMessageLike | null): void {
    if (raw === null) {
      // The broker cancelled the consumer (queue deleted): start over on a new connection.
      this.lost(link, 'consumer cancelled by the broker');
      return;
    }
    // A link still being opened (not adopted yet) may already deliver; a replaced one never does.
    if (this.link !== undefined && this.link !== link) return;
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
        reason: (error as Error).message,
      });
      const message = unsendableMessage(raw.content, () => messageId ?? randomUUID());
      delivery = new RabbitMqDelivery(
        raw,
        message,
        attempt,
        undefined,
        link.generation,
        this,
        error as Error,
      );
    }
    if (this.settledKeys.delete(delivery.key)) {
      // Already answered by the SMSC (or requeued) while its channel was down: drop the broker's copy.
      // The redelivered flag cannot be relied on: after a broker restart RabbitMQ 3.10 delivers recovered
      // messages with redelivered=false. A key is correlationId#attempt, so a retry copy never matches.
      link.consume.ack(raw);
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

  private lastProblem = '';

  private logProblem(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.logger.warn(`rabbitmq queue: ${what}`, {
      queue: this.queue,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function attemptOf(raw: AmqpMessageLike): number {
  const value = Number(raw.properties.headers?.[ATTEMPT_HEADER] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/** Publishes to a queue through the default exchange and resolves on the broker's confirm. */
function confirmPublish(
  channel: AmqpConfirmChannelLike,
  queue: string,
  body: Buffer,
  options: AmqpPublishOptions,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      // The return value only signals a full write buffer; the confirm callback is what we wait for.
      channel.sendToQueue(queue, body, options, (error) => (error ? reject(error as Error) : resolve()));
    } catch (error) {
      reject(error as Error);
    }
  });
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`RabbitMqOutboundQueue ${name} must be > 0, got ${String(value)}`);
  return value;
}
