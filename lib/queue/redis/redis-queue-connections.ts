import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { createRedisClient } from '../../redis/create-redis-client.js';
import type {
  RedisArgument,
  RedisClientLike,
  RedisConnectionConfig,
} from '../../redis/redis-client.interface.js';
import { withTimeout } from '../async-utils.js';

const FEATURE = 'RedisOutboundQueue';

/**
 * The two connections of a `RedisOutboundQueue` and what keeps them usable: opening them on first use,
 * reconnecting (ioredis, forever, with capped backoff), unblocking a blocking read, logging each distinct
 * connection problem once, and closing. The queue's semantics (streams, groups, acks) live in the queue.
 *
 * @remarks
 * Blocking reads get a connection of their own: an `XREADGROUP ... BLOCK` would stall every other command
 * behind it on a shared one. A client passed in as `client` is used for commands and never quit (the caller
 * owns it); its `duplicate()` serves the blocking reads and is closed here.
 */
export class RedisQueueConnections {
  private commandsClient?: RedisClientLike;
  private blocking?: RedisClientLike;
  /** `CLIENT ID` of the blocking connection (for `CLIENT UNBLOCK`); forgotten on each reconnect. */
  private blockingClientId?: number;
  private opening?: Promise<void>;
  private lastProblem = '';

  /**
   * @param onOpen - run once the connections exist, on every open until one succeeds (the queue creates its
   *   consumer group there).
   */
  constructor(
    private readonly config: RedisConnectionConfig,
    private readonly stream: string,
    private readonly logger: NazLogger,
    private readonly onOpen: () => Promise<void>,
  ) {}

  /** Whether the connections were opened (they may be reconnecting). */
  get opened(): boolean {
    return this.commandsClient !== undefined;
  }

  /** ioredis status of the command connection (`wait` before the first use). */
  get status(): string {
    return this.commandsClient?.status ?? 'wait';
  }

  /** The command connection; throws before `open()`. */
  get commands(): RedisClientLike {
    if (!this.commandsClient) throw new Error(`${FEATURE} is not connected: call connect() first`);
    return this.commandsClient;
  }

  /** Opens both connections and runs `onOpen`, once; a failure is retried by the next call. */
  open(): Promise<void> {
    this.opening ??= this.openNow().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  /** Runs a blocking command on the blocking connection (null when not opened). */
  async blockingCall(command: string, ...args: RedisArgument[]): Promise<unknown> {
    const blocking = this.blocking;
    if (!blocking) return null;
    if (this.blockingClientId === undefined)
      this.blockingClientId = Number(await blocking.call('client', 'ID'));
    return blocking.call(command, ...args);
  }

  /** Ends a blocking command in progress at once (it returns as if timed out). */
  async unblock(): Promise<void> {
    if (this.blockingClientId === undefined || this.commandsClient?.status !== 'ready') return;
    await this.commandsClient.call('client', 'UNBLOCK', this.blockingClientId).catch(() => undefined);
  }

  /** Logs a connection problem, each distinct one once (ioredis repeats it on every reconnect attempt). */
  logProblem(role: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.logger.warn('redis queue: connection problem, retrying', {
      stream: this.stream,
      role,
      error: message,
    });
  }

  /** Closes the blocking connection, and the command connection unless the caller owns it. */
  async close(): Promise<void> {
    this.blocking?.disconnect();
    if (this.config.client || !this.commandsClient) return;
    const commands = this.commandsClient;
    await withTimeout(commands.quit(), 2_000).catch(() => commands.disconnect());
  }

  private async openNow(): Promise<void> {
    if (!this.commandsClient) {
      const commands = this.config.client ?? (await createRedisClient(this.config.connection, FEATURE));
      commands.on('error', (error: unknown) => this.logProblem('commands', error));
      this.commandsClient = commands;
    }
    if (!this.blocking) {
      const blocking = this.config.client
        ? this.config.client.duplicate()
        : await createRedisClient(this.config.connection, FEATURE, { maxRetriesPerRequest: null });
      blocking.on('error', (error: unknown) => this.logProblem('blocking reads', error));
      blocking.on('ready', () => (this.blockingClientId = undefined));
      this.blocking = blocking;
    }
    await this.onOpen();
  }
}
