import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { toError } from '../../errors/to-error.js';
import { sleep, withTimeout } from '../async-utils.js';
import { AckBatcher } from './ack-batcher.js';
import type {
  AmqpChannelLike,
  AmqpConfirmChannelLike,
  AmqpConnect,
  AmqpConnectionLike,
} from './amqp-client.interface.js';
import { corkPerTurn } from './cork-per-turn.js';
import { loadAmqpConnect } from './load-amqplib.js';

/** One connection with its two channels: publishing (confirm mode) and consuming (manual acks). */
export interface RabbitMqLink {
  connection: AmqpConnectionLike;
  publish: AmqpConfirmChannelLike;
  consume: AmqpChannelLike;
  /** The consume channel's acks, sent once per turn. */
  acks: AckBatcher;
  /** Corks the socket until the next turn, when it can be reached. */
  cork: () => void;
  /** Counts links: a delivery's ack is only valid on the link it came on. */
  generation: number;
  retryQueues: Set<number>;
  /** Set once this link's consumer is subscribed (cleared when it is paused). */
  consuming?: Promise<void>;
  consumerTag?: string;
}

/** `connecting`, `connected`, `reconnecting` or `closed`. */
export type RabbitMqConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** What the queue does when a link comes and goes. */
export interface RabbitMqConnectionHooks {
  /** Declares what a fresh link needs (queues, the consumer); a throw fails this attempt. */
  prepare(link: RabbitMqLink): Promise<void>;
  /** The link is gone: the broker requeued whatever it delivered and was not acknowledged. */
  lost(link: RabbitMqLink): void;
  /** Keys of settled deliveries whose ack could not be sent (the broker delivers them again). */
  unacknowledged(keys: string[]): void;
}

/** Settings of {@link RabbitMqConnection}. */
export interface RabbitMqConnectionOptions {
  url: string | Record<string, unknown>;
  socketOptions?: Record<string, unknown>;
  connect?: AmqpConnect;
  /** The queue's name, for log lines and errors. */
  queue: string;
  logger: NazLogger;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The connection side of `RabbitMqOutboundQueue`: opens the connection and its two channels, notices when
 * they drop, reconnects with backoff, and hands the live link to whoever waits for one. Queue semantics
 * (what is declared, consumed, acknowledged) stay in the queue, through {@link RabbitMqConnectionHooks}.
 */
export class RabbitMqConnection {
  private link?: RabbitMqLink;
  private generation = 0;
  private currentState: RabbitMqConnectionState = 'connecting';
  private hasStarted = false;
  private closed = false;
  private reconnectCount = 0;
  private reconnecting = false;
  private connectedWaiters: Array<() => void> = [];
  private readonly stopping = new AbortController();
  private firstConnect?: Promise<void>;
  private lastProblem = '';

  constructor(
    private readonly options: RabbitMqConnectionOptions,
    private readonly hooks: RabbitMqConnectionHooks,
  ) {}

  /** The live link, if any. */
  get current(): RabbitMqLink | undefined {
    return this.link;
  }

  get state(): RabbitMqConnectionState {
    return this.currentState;
  }

  get reconnects(): number {
    return this.reconnectCount;
  }

  /** Whether a first connection was made or is being retried in the background. */
  get started(): boolean {
    return this.hasStarted;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Aborts when the connection is closed for good. */
  get stopped(): AbortSignal {
    return this.stopping.signal;
  }

  /** Opens the first link; rejects when that fails (nothing retries it until {@link ensureReconnecting}). */
  async connect(): Promise<void> {
    if (this.closed) throw this.closedError();
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

  /** The live link, waiting (until `deadline`) for a reconnect when there is none. */
  async waitForLink(deadline: number): Promise<RabbitMqLink> {
    for (;;) {
      if (this.closed) throw this.closedError();
      if (this.link) return this.link;
      if (!this.hasStarted) {
        await this.connect();
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`RabbitMQ is unreachable (queue "${this.options.queue}"); still reconnecting`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.connectedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Drops `link` (a channel or the connection closed, the consumer was cancelled) and reconnects. */
  lose(link: RabbitMqLink, why: string): void {
    if (this.link !== link) return;
    this.link = undefined;
    this.hooks.lost(link);
    this.hooks.unacknowledged(link.acks.abandon());
    if (this.closed) return;
    this.options.logger.warn('rabbitmq queue: connection lost; reconnecting', {
      queue: this.options.queue,
      why,
    });
    void link.connection.close().catch(() => undefined);
    this.ensureReconnecting();
  }

  /** Starts the reconnect loop unless it runs already: backoff with jitter until a link is up. */
  ensureReconnecting(): void {
    if (this.reconnecting || this.closed) return;
    this.reconnecting = true;
    this.hasStarted = true;
    this.currentState = 'reconnecting';
    void (async () => {
      let delay = this.options.initialDelayMs;
      while (!this.closed && !this.link) {
        await sleep(delay * (0.8 + Math.random() * 0.4), this.stopping.signal);
        if (this.closed) break;
        try {
          const link = await this.open();
          this.reconnectCount++;
          this.adopt(link);
        } catch (error) {
          this.logProblem('reconnect failed', error);
          delay = Math.min(delay * 2, this.options.maxDelayMs);
        }
      }
      this.reconnecting = false;
    })();
  }

  /**
   * Closes for good: the acks settled so far go out, then the channels close, then the connection. The broker
   * requeues whatever was delivered and not acknowledged.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.currentState = 'closed';
    this.stopping.abort();
    for (const resolve of this.connectedWaiters.splice(0)) resolve();
    const link = this.link;
    this.link = undefined;
    if (!link) return;
    link.acks.flush();
    // Channels first: RabbitMQ runs each channel in its own process, so a connection.close may overtake the
    // acks just sent on a channel (they would be requeued and sent again). channel.close is answered only
    // after the channel's earlier frames.
    await withTimeout(Promise.allSettled([link.consume.close(), link.publish.close()]), 5_000).catch(
      () => undefined,
    );
    await withTimeout(link.connection.close(), 5_000).catch(() => undefined);
  }

  /** Logs a problem once (the same one repeated while reconnecting is not logged again). */
  logProblem(what: string, error: unknown): void {
    const message = toError(error).message;
    if (`${what}: ${message}` === this.lastProblem) return;
    this.lastProblem = `${what}: ${message}`;
    this.options.logger.warn(`rabbitmq queue: ${what}`, { queue: this.options.queue, error: message });
  }

  private closedError(): Error {
    return new Error(`RabbitMqOutboundQueue(${this.options.queue}) is closed`);
  }

  private async open(): Promise<RabbitMqLink> {
    const connect = this.options.connect ?? (await loadAmqpConnect('RabbitMqOutboundQueue'));
    const connection = await connect(this.options.url, this.options.socketOptions);
    const generation = ++this.generation;
    try {
      const publish = await connection.createConfirmChannel();
      const consume = await connection.createChannel();
      const cork = corkPerTurn(connection) ?? ((): void => undefined);
      const acks = new AckBatcher(consume, (keys) => this.hooks.unacknowledged(keys), cork);
      const link: RabbitMqLink = {
        connection,
        publish,
        consume,
        acks,
        cork,
        generation,
        retryQueues: new Set(),
      };
      connection.on('error', (error: unknown) => this.logProblem('connection error', error));
      connection.on('close', () => this.lose(link, 'connection closed'));
      for (const channel of [publish, consume]) {
        channel.on('error', (error: unknown) => this.logProblem('channel error', error));
        // A channel closed by the broker (a precondition failed, the queue was deleted) ends the link.
        channel.on('close', () => this.lose(link, 'channel closed'));
      }
      await this.hooks.prepare(link);
      return link;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  private adopt(link: RabbitMqLink): void {
    if (this.closed) {
      void link.connection.close().catch(() => undefined);
      return;
    }
    this.link = link;
    this.hasStarted = true;
    this.currentState = 'connected';
    for (const resolve of this.connectedWaiters.splice(0)) resolve();
    this.options.logger.info('rabbitmq queue: connected', {
      queue: this.options.queue,
      reconnects: this.reconnectCount,
    });
  }
}
