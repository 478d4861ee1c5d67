/**
 * The parts of node-postgres (`pg`) the PostgreSQL adapters use, as structural types: `pg` is an optional peer
 * dependency, so its types must not be required to compile an app that does not use it. A `pg.Pool`, a
 * `pg.PoolClient` and a `pg.Client` satisfy these.
 */

/** The result of one query: rows and, for writes, the number of rows affected. */
export interface PgQueryResultLike {
  rows: unknown[];
  rowCount: number | null;
}

/**
 * Anything that runs a parameterised query: a `pg.Pool`, or a `pg.PoolClient`/`pg.Client` (possibly inside your
 * own `BEGIN ... COMMIT`, which is how the outbox joins your transaction).
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgQueryResultLike>;
}

/**
 * A query given as an object. With `name` it is a prepared statement: node-postgres parses it once per connection
 * and then sends only its parameters, and PostgreSQL reuses the plan (no parse or plan per call).
 */
export interface PgQueryConfig {
  /** Unique per statement text on a connection; the same name with another text is an error. */
  name?: string;
  text: string;
  values?: unknown[];
}

/** A `NOTIFY` as node-postgres reports it. */
export interface PgNotificationLike {
  channel: string;
  payload?: string;
}

/** A client checked out of a pool (`pg.PoolClient`): queries, notifications, and `release()`. */
export interface PgPoolClientLike extends PgQueryable {
  /** Returns the client to its pool; `release(error)` destroys it instead (it is broken). */
  release(destroy?: boolean | Error): void;
  on(event: 'notification', listener: (message: PgNotificationLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeListener(event: 'notification', listener: (message: PgNotificationLike) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'end', listener: () => void): unknown;
}

/** A connection pool (`pg.Pool`). */
export interface PgPoolLike extends PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgQueryResultLike>;
  /** A query as an object: named, it is a prepared statement (see {@link PgQueryConfig}). */
  query(config: PgQueryConfig): Promise<PgQueryResultLike>;
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Clients open (idle or busy), when the pool reports it. */
  readonly totalCount?: number;
  /** Callers waiting for a client, when the pool reports it. */
  readonly waitingCount?: number;
}

/**
 * How to reach PostgreSQL: a connection string (`postgres://user:pass@host:5432/db`), or `pg.Pool` options
 * (`{ host, port, user, password, database, ssl, max }`). The password is never logged.
 */
export type PgConnectionConfig = string | Record<string, unknown>;
