import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
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
import { parseQueuedMessage } from '../serialization/parse-queued-message.js';
import { QueueMessageFormatError } from '../serialization/queue-message-format.error.js';
import { serializeQueuedMessage } from '../serialization/serialize-queued-message.js';
import { unsendableMessage } from '../serialization/unsendable-item.js';
import { PoisonMessageError } from './poison-message.error.js';
import type { RedisOutboundQueueOptions } from './redis-outbound-queue-options.interface.js';
import {
  parseAutoClaimReply,
  parsePendingCounts,
  parseReadGroupReply,
  streamField,
  type StreamEntry,
} from './redis-stream-reply.js';
import {
  DEAD_LETTER,
  DELETE_IDLE_CONSUMERS,
  PARK_FOR_RETRY,
  PROMOTE,
  REQUEUE_NOW,
} from './redis-stream-scripts.js';
import { EnqueueBatcher } from './enqueue-batcher.js';
import { StreamAckBatcher } from './stream-ack-batcher.js';
import { sleep, withTimeout } from '../async-utils.js';
import { ReadAhead } from './read-ahead.js';
import { RedisQueueDelivery, type DeliverySettler } from './redis-queue-delivery.js';
import { RedisQueueConnections } from './redis-queue-connections.js';

/** What `RedisOutboundQueue.health()` reports (for the health indicator and dashboards). */
export interface RedisQueueHealth {
  broker: 'redis';
  /** true when the command connection is ready. */
  connected: boolean;
  /** ioredis status of the command connection (`ready`, `connecting`, `reconnecting`, `end`...). */
  state: string;
  stream: string;
  group: string;
  consumer: string;
  /** Messages waiting (ready now or delayed), when Redis answered. */
  depth?: number;
  /** Messages delivered to some replica and not yet acknowledged. */
  pending?: number;
  /** Of `depth`, those parked for a delayed retry. */
  delayed?: number;
  deadLetters?: number;
  /** Messages this replica holds now. */
  held: number;
}

const noop = (): void => undefined;

/** Most messages remembered between their enqueue and their read-back in this process (see `enqueuedHere`). */
const ENQUEUED_HERE_LIMIT = 10_000;

/**
 * An outbound queue on Redis Streams shared by every replica of an app: messages survive process crashes and
 * a dead replica's messages are taken over by the others.
 *
 * @remarks
 * - `enqueue` is an `XADD`; the enqueues of one event-loop turn go to Redis as one Lua script call (one write,
 *   one reply), bounded by `maxLength` without ever trimming unacknowledged entries. An entry this process
 *   enqueued is handed back as the same object when it reads it, so nothing is parsed or encoded twice.
 * - Replicas read through one consumer group (`XREADGROUP`, in batches, the next batch read while the current
 *   one is sent); an entry is acknowledged (`XACK` + `XDEL`, one script call per batch) only after the SMSC
 *   answered, so a replica killed mid-flight leaves its messages pending, those read ahead included.
 * - Pending messages of a replica idle for `claimIdleMs` are taken over with `XAUTOCLAIM`; a live replica
 *   refreshes what it holds so it is never robbed while waiting for a slow SMSC.
 * - Delayed retries wait in a sorted set, not in the stream, so they never block the messages behind them.
 * - Messages that fail for good, cannot be parsed, or were delivered `maxDeliveries` times go to a
 *   dead-letter stream with the reason.
 * - `ioredis` is an optional peer dependency, loaded on first use.
 *
 * Delivery is at least once: a replica killed after the SMSC accepted a message but before the ack leaves
 * it to be sent again (at most the messages in flight at the kill).
 * @example
 * const queue = new RedisOutboundQueue({ connection: 'redis://redis:6379', stream: 'sms:outbound' });
 * const client = new SmppClient(options, { queue });
 */
export class RedisOutboundQueue implements OutboundQueue, DeliverySettler {
  /** The stream key. */
  readonly stream: string;
  readonly group: string;
  readonly consumer: string;
  readonly deadLetterStream: string;
  readonly delayedKey: string;
  /** Whether messages the SMSC refused for good go to the dead-letter stream too (`deadLetterRejected`). */
  readonly deadLetterRejected: boolean;

  private readonly logger: NazLogger;
  private readonly claimIdleMs: number;
  private readonly maxDeliveries: number;
  private readonly blockMs: number;
  private readonly promoteBatch: number;
  private readonly deleteIdleConsumersAfterMs: number;

  /** The command and blocking-read connections, opened on first use. */
  private readonly connection: RedisQueueConnections;
  private closed = false;
  private readonly stopping = new AbortController();
  private readonly acks: StreamAckBatcher;
  /** Enqueues of one event-loop turn, sent together. */
  private readonly adds: EnqueueBatcher;

  /**
   * Messages this process enqueued, by entry id, until it reads them back: such an entry is handed out as the
   * very object given to `enqueue`, so the client finds the PDUs it built at `send()` and neither parses nor
   * validates nor encodes it again. An entry another replica reads stays until pushed out (oldest first,
   * at most `ENQUEUED_HERE_LIMIT`).
   */
  private readonly enqueuedHere = new Map<string, { message: QueuedMessage; enqueuedAt: number }>();
  /** Delivered and not yet settled, by entry id: refreshed so no other replica claims them. */
  private readonly held = new Map<string, RedisQueueDelivery>();
  private inFlightRead?: Promise<unknown>;
  /** The batch read while the previous one is sent (see `ReadAhead`). */
  private readonly readAhead: ReadAhead<RedisQueueDelivery>;
  /**
   * Where the read of this consumer's own pending list resumes (a replica restarted under a stable name takes
   * back what it held when it died); undefined once all of it was taken back.
   */
  private ownPendingCursor: string | undefined = '0';
  private nextPromoteAt = 0;
  private nextClaimAt = 0;
  private claimCursor = '0-0';
  private nextConsumerCleanupAt = 0;
  private refreshTimer?: NodeJS.Timeout;

  constructor(private readonly options: RedisOutboundQueueOptions = {}) {
    this.stream = options.stream ?? 'naz:outbound';
    this.group = options.group ?? 'naz';
    this.consumer = options.consumer ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.deadLetterStream = options.deadLetterStream ?? `${this.stream}:dead`;
    this.delayedKey = options.delayedKey ?? `${this.stream}:delayed`;
    this.logger = options.logger ?? silentLogger;
    this.deadLetterRejected = options.deadLetterRejected ?? false;
    this.claimIdleMs = positive('claimIdleMs', options.claimIdleMs ?? 30_000);
    this.maxDeliveries = positive('maxDeliveries', options.maxDeliveries ?? 10);
    this.blockMs = positive('blockMs', options.blockMs ?? 2_000);
    this.promoteBatch = positive('promoteBatch', options.promoteBatch ?? 100);
    this.deleteIdleConsumersAfterMs = positive(
      'deleteIdleConsumersAfterMs',
      options.deleteIdleConsumersAfterMs ?? 3_600_000,
    );
    if (options.maxLength !== undefined) positive('maxLength', options.maxLength);
    this.connection = new RedisQueueConnections(options, this.stream, this.logger, () => this.onOpen());
    this.readAhead = new ReadAhead<RedisQueueDelivery>({
      read: (limit) => this.readOnce(limit, this.stopping.signal),
      giveBack: (deliveries) => this.giveBack(deliveries),
      interrupt: () => void this.unblockReader(),
      closed: () => this.closed,
    });
    this.acks = new StreamAckBatcher(() => this.connection.commands, this.stream, this.group);
    this.adds = new EnqueueBatcher(() => this.connection.commands, this.stream, options.maxLength);
  }

  /**
   * A Nest provider of this queue under `NAZ_OUTBOUND_QUEUE` (or the named client's token), without
   * importing Nest.
   * @example
   * NazModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ ... }),
   *   extraProviders: [
   *     RedisOutboundQueue.provider({
   *       inject: [ConfigService],
   *       useFactory: (config: ConfigService) => ({ connection: config.getOrThrow('REDIS_URL'), stream: 'sms:outbound' }),
   *     }),
   *   ],
   * });
   */
  static provider(
    options: NazPolicyProviderOptions<RedisOutboundQueueOptions> = {},
  ): NazFactoryProvider<RedisOutboundQueue> {
    return nazPolicyProvider(NAZ_OUTBOUND_QUEUE, options, (resolved) => new RedisOutboundQueue(resolved));
  }

  /**
   * Opens the connections and creates the consumer group (from the start of the stream, so messages
   * enqueued before any consumer existed are sent). Called on first use; call it to fail fast at startup.
   */
  async connect(): Promise<void> {
    if (this.closed) throw new Error(`RedisOutboundQueue(${this.stream}) is closed`);
    return this.connection.open();
  }

  async enqueue(message: QueuedMessage): Promise<void> {
    if (!this.connection.opened || this.closed) await this.connect();
    const enqueuedAt = Date.now();
    const id = await this.adds.add(serializeQueuedMessage(message, { enqueuedAt }));
    if (id === '') return; // Added, by a first run whose reply was lost: read back like any other entry.
    if (id !== null) {
      this.enqueuedHere.set(id, { message, enqueuedAt });
      if (this.enqueuedHere.size > ENQUEUED_HERE_LIMIT)
        this.enqueuedHere.delete(this.enqueuedHere.keys().next().value as string);
      return;
    }
    throw new QueueFullError(
      this.options.maxLength ?? 0,
      `Redis stream "${this.stream}" holds ${this.options.maxLength} messages (maxLength); retry later or raise maxLength`,
    );
  }

  async receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]> {
    const limit = Math.max(1, Math.floor(max));
    this.readAhead.watch(signal);
    let backoffMs = 100;
    while (!signal.aborted && !this.closed) {
      const ready = this.readAhead.take(limit);
      if (ready.length > 0) return ready;
      try {
        await this.connect();
        this.readAhead.start(limit);
        await this.readAhead.wait(signal);
        backoffMs = 100;
      } catch (error) {
        if (signal.aborted || this.closed) break;
        await this.recoverFrom(error);
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
    return [];
  }

  async size(): Promise<number> {
    const counts = await this.counts();
    return counts.depth;
  }

  /** Connection state and queue figures, for health checks. Never throws; counts are absent when Redis does not answer within 1 s. */
  async health(): Promise<RedisQueueHealth> {
    const state = this.closed && !this.connection.opened ? 'end' : this.connection.status;
    const health: RedisQueueHealth = {
      broker: 'redis',
      connected: state === 'ready',
      state,
      stream: this.stream,
      group: this.group,
      consumer: this.consumer,
      held: this.held.size,
    };
    if (state !== 'ready') return health;
    const counts = await withTimeout(this.counts(), 1_000).catch(() => undefined);
    return counts ? { ...health, ...counts } : health;
  }

  /**
   * Stops taking messages and releases the connections. Messages read but not yet handed out go back to the
   * stream at once; messages handed out and not settled stay pending and are taken over after `claimIdleMs`
   * (the client nacks what it did not send before closing, so normally there are none).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.unblockReader();
    if (this.inFlightRead) await withTimeout(this.inFlightRead, 2_000).catch(noop);
    await this.readAhead.close(2_000);
    await this.connection.close();
  }

  /** Nest lifecycle hook: closes the queue when the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** @internal Settles a delivery: ack (`options` undefined), retry, or dead-letter. */
  async settle(delivery: RedisQueueDelivery, options: NackOptions | undefined): Promise<void> {
    if (delivery.settled) return;
    delivery.settled = true;
    this.held.delete(delivery.id);
    if (options === undefined) return this.acks.ack(delivery.id);
    // A dead letter keeps the payload as it was stored, not as this library would write it again.
    if (!options.requeue)
      return this.deadLetter(delivery.id, delivery.raw, delivery.attempt, options.reason ?? 'failed');
    const delayMs = Math.max(0, Math.floor(options.delayMs ?? 0));
    const payload = this.payloadOf(delivery);
    if (delayMs === 0) return this.requeueNow(delivery, payload);
    const member = JSON.stringify({ id: delivery.id, a: delivery.attempt + 1, m: payload });
    await PARK_FOR_RETRY.run(
      this.connection.commands,
      [this.stream, this.delayedKey],
      [this.group, delivery.id, delayMs, member],
    );
    // Wake this replica's reader when the retry is due sooner than its next look at the delayed set.
    this.nextPromoteAt = Math.min(this.nextPromoteAt, Date.now() + delayMs);
  }

  /** Once the connections exist: the consumer group, and the timer that keeps held messages ours. */
  private async onOpen(): Promise<void> {
    await this.ensureGroup();
    if (this.refreshTimer) return;
    this.refreshTimer = setInterval(
      () => void this.refreshHeld(),
      Math.max(100, Math.floor(this.claimIdleMs / 3)),
    );
    this.refreshTimer.unref();
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.connection.commands.call('xgroup', 'CREATE', this.stream, this.group, '0', 'MKSTREAM');
      this.logger.info('redis queue: consumer group created', { stream: this.stream, group: this.group });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
  }

  /** One step of the read loop: promote due retries, take over abandoned messages, then read new ones. */
  private async readOnce(limit: number, signal: AbortSignal): Promise<RedisQueueDelivery[]> {
    const now = Date.now();
    if (this.ownPendingCursor !== undefined) {
      const recovered = await this.recoverOwnPending(limit);
      if (recovered.length > 0 || this.ownPendingCursor !== undefined) return this.handOut(recovered);
    }
    if (now >= this.nextPromoteAt) await this.promote();
    if (now >= this.nextClaimAt) {
      const claimed = await this.claimAbandoned(limit);
      if (claimed.length > 0) return this.handOut(claimed);
    }
    if (now >= this.nextConsumerCleanupAt) {
      this.nextConsumerCleanupAt = now + Math.max(this.claimIdleMs, 60_000);
      await DELETE_IDLE_CONSUMERS.run(
        this.connection.commands,
        [this.stream],
        [this.group, this.deleteIdleConsumersAfterMs, this.consumer],
      );
    }
    const waitMs = Math.max(
      1,
      Math.min(this.blockMs, this.nextPromoteAt - Date.now(), this.nextClaimAt - Date.now()),
    );
    const deliveries = this.toDeliveries(await this.blockingRead(limit, waitMs, signal));
    if (this.closed) {
      await this.giveBack(deliveries);
      return [];
    }
    return this.handOut(deliveries);
  }

  /**
   * Reads the next page of this consumer's own pending list, after the last entry of the previous page: each
   * entry is read once, so one still in flight here is never handed out again (issue 12 §2). A short page
   * ends the recovery; from then on only new entries (`>`) are read.
   */
  private async recoverOwnPending(limit: number): Promise<RedisQueueDelivery[]> {
    const cursor = this.ownPendingCursor ?? '0';
    const ids: string[] = [];
    const reply = await this.connection.commands.call(
      'xreadgroup',
      'GROUP',
      this.group,
      this.consumer,
      'COUNT',
      limit,
      'STREAMS',
      this.stream,
      cursor,
    );
    const entries = parseReadGroupReply(reply, ids);
    this.ownPendingCursor = ids.length < limit ? undefined : ids[ids.length - 1];
    if (entries.length < ids.length) {
      // Pending but deleted from the stream (someone ran XDEL): nothing is left to send, so release them.
      const present = new Set(entries.map((entry) => entry.id));
      const gone = ids.filter((id) => !present.has(id));
      await this.connection.commands.call('xack', this.stream, this.group, ...gone);
    }
    if (entries.length > 0) {
      this.logger.info('redis queue: took back messages this consumer held before a restart', {
        stream: this.stream,
        consumer: this.consumer,
        count: entries.length,
      });
    }
    return this.toDeliveries(entries, await this.poisonOf(entries));
  }

  private async blockingRead(limit: number, waitMs: number, signal: AbortSignal): Promise<StreamEntry[]> {
    const read = this.connection
      .blockingCall(
        'xreadgroup',
        'GROUP',
        this.group,
        this.consumer,
        'COUNT',
        limit,
        'BLOCK',
        Math.ceil(waitMs),
        'STREAMS',
        this.stream,
        '>',
      )
      .then(parseReadGroupReply);
    this.inFlightRead = read.catch(noop);
    const stop = this.stopping.signal;
    let onAbort = noop;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal.aborted || stop.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stop.addEventListener('abort', onAbort, { once: true });
    });
    const winner = await Promise.race([read, aborted]).finally(() => {
      signal.removeEventListener('abort', onAbort);
      stop.removeEventListener('abort', onAbort);
    });
    if (winner !== 'aborted') return winner;
    // The caller stopped waiting (its session is no longer bound, or it stops): end the blocking read now,
    // and give back at once anything it still returns, so other replicas can send it meanwhile.
    void this.unblockReader();
    this.inFlightRead = read.then(async (entries) => this.giveBack(this.toDeliveries(entries))).catch(noop);
    return [];
  }

  private async unblockReader(): Promise<void> {
    await this.connection.unblock();
  }

  private async promote(): Promise<void> {
    const reply = await PROMOTE.run(
      this.connection.commands,
      [this.stream, this.delayedKey, this.options.importListKey ?? ''],
      [this.promoteBatch],
    );
    const [moved, waitMs] = Array.isArray(reply) ? reply.map(Number) : [0, -1];
    const now = Date.now();
    if (moved >= this.promoteBatch) this.nextPromoteAt = now;
    else if (this.options.importListKey !== undefined)
      this.nextPromoteAt = now + Math.min(250, waitMs >= 0 ? waitMs : 250);
    else this.nextPromoteAt = waitMs >= 0 ? now + waitMs : now + this.blockMs;
  }

  /** XAUTOCLAIM: takes messages other replicas held longer than `claimIdleMs` without refreshing them. */
  private async claimAbandoned(limit: number): Promise<RedisQueueDelivery[]> {
    const reply = await this.connection.commands.call(
      'xautoclaim',
      this.stream,
      this.group,
      this.consumer,
      this.claimIdleMs,
      this.claimCursor,
      'COUNT',
      limit,
    );
    const { cursor, entries } = parseAutoClaimReply(reply);
    this.claimCursor = cursor;
    // A full page may have more behind it: look again at once; otherwise wait a fraction of the idle time.
    this.nextClaimAt =
      cursor !== '0-0' ? Date.now() : Date.now() + Math.max(100, Math.floor(this.claimIdleMs / 2));
    // XAUTOCLAIM also returns this consumer's own entries once idle (a refresh came late): those are in
    // flight here already and must not be handed out a second time.
    const live = entries.filter((entry) => !this.held.has(entry.id));
    if (live.length > 0) {
      this.logger.warn('redis queue: took over messages of an idle consumer', {
        stream: this.stream,
        count: live.length,
      });
    }
    return this.toDeliveries(live, await this.poisonOf(live));
  }

  /**
   * The entries delivered more than `maxDeliveries` times (each consumer holding them died or froze: likely a
   * message that kills its consumer), with the error they are failed with instead of being sent again.
   */
  private async poisonOf(entries: StreamEntry[]): Promise<Map<string, PoisonMessageError>> {
    const poison = new Map<string, PoisonMessageError>();
    if (entries.length === 0) return poison;
    const first = entries[0].id;
    const last = entries[entries.length - 1].id;
    const counts = parsePendingCounts(
      await this.connection.commands.call(
        'xpending',
        this.stream,
        this.group,
        first,
        last,
        // Entries this consumer holds may lie between first and last: count them in so none is cut off.
        entries.length + this.held.size,
        this.consumer,
      ),
    );
    for (const entry of entries) {
      const deliveries = counts.get(entry.id) ?? 1;
      if (deliveries > this.maxDeliveries)
        poison.set(entry.id, new PoisonMessageError(deliveries, this.maxDeliveries));
    }
    return poison;
  }

  /**
   * Parses entries into deliveries. An entry that is not a sendable message (unreadable, or a poison message)
   * is handed out too, marked `unsendable`: the client reports it failed and dead-letters it with the reason,
   * so it leaves the queue with an event and a log line like any other failure.
   */
  private toDeliveries(
    entries: StreamEntry[],
    poison?: Map<string, PoisonMessageError>,
  ): RedisQueueDelivery[] {
    const deliveries: RedisQueueDelivery[] = [];
    for (const entry of entries) {
      const raw = streamField(entry, 'message');
      const attempt = Math.max(1, Number.parseInt(streamField(entry, 'attempt') ?? '1', 10) || 1);
      // Without a correlationId of its own, the entry id names the message: stable across redeliveries.
      const fallbackCorrelationId = (): string => entry.id;
      let unsendable: Error | undefined = poison?.get(entry.id);
      if (unsendable === undefined && raw === undefined)
        unsendable = new QueueMessageFormatError('message', 'must be a field of the stream entry', 'none');
      const local = unsendable === undefined ? this.enqueuedHere.get(entry.id) : undefined;
      if (local !== undefined && raw !== undefined) {
        this.enqueuedHere.delete(entry.id);
        deliveries.push(
          new RedisQueueDelivery(entry.id, raw, local.message, attempt, local.enqueuedAt, this),
        );
        continue;
      }
      if (unsendable === undefined && raw !== undefined) {
        try {
          const parsed = parseQueuedMessage(raw, { fallbackCorrelationId });
          deliveries.push(
            new RedisQueueDelivery(entry.id, raw, parsed.message, attempt, parsed.enqueuedAt, this),
          );
          continue;
        } catch (error) {
          unsendable = error as Error;
        }
      }
      this.logger.warn('redis queue: unreadable entry; the client fails it and dead-letters it', {
        stream: this.stream,
        id: entry.id,
        reason: unsendable?.message,
      });
      deliveries.push(
        new RedisQueueDelivery(
          entry.id,
          raw ?? '',
          unsendableMessage(raw, fallbackCorrelationId),
          attempt,
          undefined,
          this,
          unsendable,
        ),
      );
    }
    return deliveries;
  }

  /** What goes back to the stream on a retry: the message (with its enqueue time), or the raw item when unreadable. */
  private payloadOf(delivery: RedisQueueDelivery): string {
    if (delivery.unsendable) return delivery.raw;
    return serializeQueuedMessage(delivery.message, { enqueuedAt: delivery.enqueuedAt });
  }

  /** Records deliveries as held; one already held (in flight here) is never handed out twice at once. */
  private handOut(deliveries: RedisQueueDelivery[]): RedisQueueDelivery[] {
    let out = deliveries;
    for (let i = 0; i < deliveries.length; i++) {
      const delivery = deliveries[i];
      if (this.held.has(delivery.id)) {
        if (out === deliveries) out = deliveries.slice(0, i);
        continue;
      }
      this.held.set(delivery.id, delivery);
      if (out !== deliveries) out.push(delivery);
    }
    return out;
  }

  /** Back to the stream now, as a new entry with the next attempt number, in one atomic step. */
  private async requeueNow(
    delivery: RedisQueueDelivery,
    payload = this.payloadOf(delivery),
    attempt = delivery.attempt + 1,
  ): Promise<void> {
    delivery.settled = true;
    this.held.delete(delivery.id);
    await REQUEUE_NOW.run(
      this.connection.commands,
      [this.stream],
      [this.group, delivery.id, payload, attempt],
    );
  }

  /** Returns messages read but never handed out: back to the stream now, same attempt (never tried). */
  private async giveBack(deliveries: RedisQueueDelivery[]): Promise<void> {
    // Failing that (Redis down), they stay pending and are taken over after claimIdleMs.
    await Promise.all(deliveries.map((d) => this.requeueNow(d, d.raw, d.attempt).catch(noop)));
  }

  private async deadLetter(id: string, payload: string, attempt: number, reason: string): Promise<void> {
    await DEAD_LETTER.run(
      this.connection.commands,
      [this.stream, this.deadLetterStream],
      [
        this.group,
        id,
        this.options.deadLetterMaxLength ?? 100_000,
        payload,
        attempt,
        reason,
        Date.now(),
        this.consumer,
      ],
    );
  }

  /** Resets the idle time of held messages (XCLAIM ... JUSTID) so no other replica takes them over. */
  private async refreshHeld(): Promise<void> {
    if (this.held.size === 0 || this.connection.status !== 'ready') return;
    const ids = [...this.held.keys()];
    try {
      for (let i = 0; i < ids.length; i += 500) {
        await this.connection.commands.call(
          'xclaim',
          this.stream,
          this.group,
          this.consumer,
          0,
          ...ids.slice(i, i + 500),
          'JUSTID',
        );
      }
    } catch (error) {
      this.connection.logProblem('refresh', error);
    }
  }

  private async counts(): Promise<{ depth: number; pending: number; delayed: number; deadLetters: number }> {
    await this.connect();
    const results = await this.connection.commands
      .multi([
        ['xlen', this.stream],
        ['xpending', this.stream, this.group],
        ['zcard', this.delayedKey],
        ['xlen', this.deadLetterStream],
      ])
      .exec();
    const value = (i: number): unknown => results?.[i]?.[1];
    const length = Number(value(0) ?? 0);
    const summary = value(1);
    const pending = Array.isArray(summary) ? Number(summary[0] ?? 0) : 0;
    const delayed = Number(value(2) ?? 0);
    return {
      depth: Math.max(0, length - pending) + delayed,
      pending,
      delayed,
      deadLetters: Number(value(3) ?? 0),
    };
  }

  private async recoverFrom(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('NOGROUP')) {
      // The stream or the group vanished (Redis restarted without persistence, or someone deleted the key).
      this.logger.warn('redis queue: consumer group missing, creating it again', {
        stream: this.stream,
        group: this.group,
      });
      await this.ensureGroup().catch(noop);
      return;
    }
    this.connection.logProblem('receive', error);
  }
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`RedisOutboundQueue ${name} must be > 0, got ${String(value)}`);
  return value;
}
