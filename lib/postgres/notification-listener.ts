import type { NazLogger } from '../logging/naz-logger.interface.js';
import { toError } from '../errors/to-error.js';
import type { PgPoolClientLike, PgPoolLike } from './pg-client.interface.js';
import { quoteIdentifier } from './quote-identifier.js';

/** Options of {@link NotificationListener}. */
export interface NotificationListenerOptions {
  pool: () => Promise<PgPoolLike>;
  channel: string;
  /** Called on every notification, and after every (re)connect: notifications sent while down are lost. */
  onWake: () => void;
  logger: NazLogger;
  /** Names the owner in log lines. */
  label: string;
}

/**
 * Holds one connection in `LISTEN <channel>` and reconnects it (backoff 100 ms doubling to 5 s) whenever it
 * drops: server restart, network cut, `pg_terminate_backend`.
 *
 * @remarks
 * PostgreSQL delivers a NOTIFY only to sessions listening when the notifying transaction commits, so a wake-up
 * sent while this connection is down is gone: every reconnect calls `onWake` once, and the owner also polls
 * slowly, so nothing waits on a lost notification for long.
 */
export class NotificationListener {
  private client: PgPoolClientLike | undefined;
  private running = false;
  private generation = 0;
  private backoffMs = 100;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private lastError = '';
  /** Removes this listener's handlers from a connection going back to the pool. */
  private detach: (client: PgPoolClientLike) => void = () => undefined;

  constructor(private readonly options: NotificationListenerOptions) {}

  /** Whether the LISTEN connection is up now. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Starts listening (in the background; failures are retried and logged once per distinct error). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connectSoon(0);
  }

  /** Stops listening and gives the connection back to its pool. */
  async close(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting;
    this.drop(undefined);
  }

  private connectSoon(delayMs: number): void {
    if (!this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connecting = this.connect().finally(() => (this.connecting = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    let client: PgPoolClientLike | undefined;
    try {
      client = await (await this.options.pool()).connect();
      const lost = (error?: Error): void => {
        if (generation !== this.generation) return;
        this.report(error ?? new Error('connection ended'));
        this.drop(error ?? new Error('connection ended'));
        this.connectSoon(this.backoffMs);
      };
      const onError = (error: Error): void => lost(error);
      const onEnd = (): void => lost();
      const onNotification = (): void => this.options.onWake();
      client.on('error', onError);
      client.on('end', onEnd);
      client.on('notification', onNotification);
      this.detach = (c) => {
        c.removeListener('error', onError);
        c.removeListener('end', onEnd);
        c.removeListener('notification', onNotification);
      };
      await client.query(`LISTEN ${quoteIdentifier(this.options.channel)}`);
      if (!this.running || generation !== this.generation) {
        this.client = client;
        this.drop(undefined);
        return;
      }
      this.client = client;
      if (this.lastError !== '') {
        this.options.logger.info(`${this.options.label}: listening again for wake-ups`, {
          channel: this.options.channel,
        });
      }
      this.lastError = '';
      this.backoffMs = 100;
      this.options.onWake();
    } catch (error) {
      if (client && this.client !== client) client.release(toError(error));
      if (generation !== this.generation) return;
      this.report(error);
      this.backoffMs = Math.min(this.backoffMs * 2, 5_000);
      this.connectSoon(this.backoffMs);
    }
  }

  private drop(error: Error | undefined): void {
    const client = this.client;
    this.client = undefined;
    this.generation++;
    if (!client) return;
    // A broken connection is destroyed rather than returned to the pool; a healthy one stops listening first,
    // because the pool will hand it to someone else.
    if (error) {
      client.release(error);
      return;
    }
    client.query('UNLISTEN *').then(
      () => {
        this.detach(client);
        client.release();
      },
      () => client.release(true),
    );
  }

  private report(error: unknown): void {
    const message = toError(error).message;
    if (message === this.lastError) return;
    this.lastError = message;
    this.options.logger.warn(`${this.options.label}: wake-up listener lost its connection, reconnecting`, {
      channel: this.options.channel,
      error: message,
    });
  }
}
