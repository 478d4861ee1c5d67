import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { PgConnectionConfig, PgPoolLike } from '../../postgres/pg-client.interface.js';
import type { LedgerNameOptions } from './ledger-names.js';

/** How old rows are purged. */
export interface LedgerRetentionOptions {
  /** Messages first recorded longer ago than this are deleted. */
  maxAgeMs: number;
  /** Rows deleted per statement (short statements keep locks and WAL bursts small). @default 1000 */
  batchSize?: number;
  /** How often the purge runs. @default 60000 */
  intervalMs?: number;
}

/** Options of `PostgresMessageLedger`. Every replica uses the same `schema` and `table`. */
export interface PostgresMessageLedgerOptions extends LedgerNameOptions {
  /** Your `pg.Pool`; the ledger never ends it. */
  pool?: PgPoolLike;
  /** A connection string or `pg.Pool` options, when you pass no `pool`: the ledger opens its own (2 connections) and ends it on close. */
  connection?: PgConnectionConfig;
  /**
   * Most entries written in one transaction. The writer takes everything buffered up to this many, so batches
   * grow while it catches up (and hold more of each message's life, written as one row). @default 20000
   */
  batchSize?: number;
  /**
   * Most entries held while the writer is behind or PostgreSQL is unreachable (~150 bytes each); past half of
   * it a warning says the writer is behind, beyond it new entries are dropped, counted (`stats().dropped`) and
   * logged at error level, so memory never grows without bound. @default 500000
   */
  maxPending?: number;
  /** Delete old messages in batches. @default none: rows are kept until you delete them */
  retention?: LedgerRetentionOptions;
  /** Record the message text with `queued` (off by default: texts such as one-time codes are sensitive). @default false */
  recordText?: boolean;
  /** Run {@link PostgresMessageLedger.migrate} on first use. Prefer your migration tool in production. @default false */
  migrate?: boolean;
  logger?: NazLogger;
}
