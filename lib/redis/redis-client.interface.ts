/** An argument of a Redis command. */
export type RedisArgument = string | number | Buffer;

/**
 * The part of an ioredis client (`Redis` or `Cluster`, ioredis 5 or 6) this library uses.
 *
 * @remarks
 * Structural, so `ioredis` stays an optional peer dependency: nothing here imports it, and you may pass
 * your own client instance.
 */
export interface RedisClientLike {
  /** ioredis connection status: `'wait'`, `'connecting'`, `'connect'`, `'ready'`, `'reconnecting'`, `'end'`... */
  readonly status: string;
  call(command: string, ...args: RedisArgument[]): Promise<unknown>;
  /** A MULTI/EXEC transaction; command names in lower case (ioredis calls the method of that name). */
  multi(commands: RedisArgument[][]): { exec(): Promise<Array<[Error | null, unknown]> | null> };
  duplicate(): RedisClientLike;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** ioredis connection options (the subset worth naming; any other ioredis option passes through). */
export interface RedisConnectOptions {
  host?: string;
  port?: number;
  username?: string;
  /** Never logged. */
  password?: string;
  db?: number;
  /** TLS options (ioredis `tls`), or `{}` for TLS with defaults. */
  tls?: Record<string, unknown>;
  /** Prefixed to every key by ioredis. */
  keyPrefix?: string;
  [option: string]: unknown;
}

/** How a Redis-backed policy gets its connection: a URL, ioredis options, or a client you own. */
export interface RedisConnectionConfig {
  /**
   * `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS), or ioredis options.
   * @default 'redis://127.0.0.1:6379'
   */
  connection?: string | RedisConnectOptions;
  /**
   * An ioredis client to use instead of opening one. You keep ownership: `close()` does not quit it.
   * Blocking reads use `client.duplicate()`, which `close()` does quit.
   */
  client?: RedisClientLike;
}
