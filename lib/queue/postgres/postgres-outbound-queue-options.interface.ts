import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { PgConnectionConfig, PgPoolLike, PgQueryable } from '../../postgres/pg-client.interface.js';
import type { OutboxNameOptions } from './outbox-names.js';

/**
 * Options of `PostgresOutboundQueue`. Every replica uses the same `schema` and `table`; each gets its own
 * `consumer` name.
 */
export interface PostgresOutboundQueueOptions extends OutboxNameOptions {
  /**
   * Your `pg.Pool` (the one your app's transactions use, or another). The queue never ends it. Its listener for
   * wake-ups holds one of its connections while the queue consumes.
   */
  pool?: PgPoolLike;
  /** A connection string or `pg.Pool` options, when you pass no `pool`: the queue opens its own and ends it on close. */
  connection?: PgConnectionConfig;
  /** This replica's name, stored in `locked_by` of the rows it leases. @default `<hostname>:<pid>:<random>` */
  consumer?: string;
  /**
   * How long a consumer owns the rows it claimed. A live consumer renews its leases every `leaseMs / 3`; the rows
   * of a consumer that died (or froze) become claimable again when their lease ends. @default 30000
   */
  leaseMs?: number;
  /**
   * The slow fallback poll: an idle consumer looks at the table this often even without a notification (one lost
   * with a dropped connection, a delayed retry of another replica coming due). @default 5000
   */
  pollIntervalMs?: number;
  /**
   * Also keep messages the SMSC refused for good (`ESME_RINVDSTADR`...) in the dead-letter table, with the
   * rejection as the reason, when the client reports it (`ack({ rejectedReason })`). Otherwise they are deleted:
   * their `failed` event, log line and ledger history are their record. @default false
   */
  deadLetterRejected?: boolean;
  /** A message claimed this many times without being finished (it kills its consumer?) goes to the dead-letter table. @default 10 */
  maxDeliveries?: number;
  /** Most rows one `enqueue` statement inserts when calls are batched (calls without `client`). @default 1000 */
  enqueueBatchSize?: number;
  /**
   * Claims, lease renewals and acknowledgements commit without waiting for the WAL flush (`synchronous_commit =
   * off` for their own transaction only). One lost in a crash of the server (not a clean restart) within a
   * fraction of a second after it only makes its rows claimable again: sent twice, never lost. `false` waits for
   * the flush: measured 2-2.7 times fewer messages per second, since every claim then waits for an fsync.
   * Inserts (`enqueue`) and dead-lettering always keep your server's setting. @default true
   */
  asyncCommit?: boolean;
  /**
   * Run the queue's statements as prepared statements: each is parsed and planned once per pooled connection,
   * then sent as parameters only (measured: about 10% less PostgreSQL CPU per message). Turn it off behind a
   * connection pooler that does not keep prepared statements across transactions (PgBouncer in transaction mode
   * before 1.21, or with `max_prepared_statements = 0`). @default true
   */
  preparedStatements?: boolean;
  /** Run {@link PostgresOutboundQueue.migrate} on first use. Prefer your migration tool in production. @default false */
  migrate?: boolean;
  logger?: NazLogger;
}

/** Options of one `PostgresOutboundQueue.enqueue()` call. */
export interface PostgresEnqueueOptions {
  /**
   * Your transaction's client (a `pg.PoolClient` between `BEGIN` and `COMMIT`): the row is inserted with it, so
   * it exists if and only if your transaction commits. Without it, the queue inserts in its own (batched) statement.
   */
  client?: PgQueryable;
}
