import { toError } from '../../errors/to-error.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import { createPgPool } from '../../postgres/load-pg.js';
import type { PgPoolLike, PgQueryable } from '../../postgres/pg-client.interface.js';
import { quoteLiteral } from '../../postgres/quote-identifier.js';
import { TurnBatcher } from '../../postgres/turn-batcher.js';
import { withTimeout } from '../../queue/async-utils.js';
import {
  NAZ_MESSAGE_LEDGER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../../tokens.js';
import { queryLimit, queryStatuses } from '../find-messages-query.js';
import { toMessageHistory, toStoredEvent, type StoredLedgerEvent } from '../ledger-events.js';
import { applyLedgerEntry, newLedgerState, toMessageSummary, type LedgerState } from '../ledger-state.js';
import type {
  FindMessagesQuery,
  LedgerEntry,
  LedgerStats,
  MessageHistory,
  MessageLedger,
  MessageSummary,
} from '../message-ledger.interface.js';
import { ledgerMigrationSql } from './ledger-migration.js';
import { resolveLedgerNames, type LedgerNameOptions, type LedgerNames } from './ledger-names.js';
import type { PostgresMessageLedgerOptions } from './postgres-message-ledger-options.interface.js';

const noop = (): void => undefined;

/** How long `flush()` (and so `SmppClient.stop()`) waits for PostgreSQL before going on. */
const FLUSH_TIMEOUT_MS = 5_000;
/** While writes fail, a reminder with the counts is logged this often. */
const OUTAGE_LOG_EVERY_MS = 30_000;

/**
 * The message ledger on PostgreSQL: every message's history, queryable for months, shared by every replica.
 *
 * @remarks
 * - `record()` appends to a buffer and returns; entries are written in batches (one transaction per batch,
 *   while the next one fills), off the send path.
 * - One row per message: searchable columns (destination, status, created_at...), the folded state and the
 *   events as `jsonb`. A batch locks its rows (`SELECT ... FOR UPDATE`, in id order), folds the new entries
 *   into each state and writes it back, so replicas that record parts of one message's life (a receipt on
 *   another replica) converge on the same state.
 * - PostgreSQL unreachable: sending goes on. Failed batches are retried with backoff, each failure counted
 *   (`stats().writeFailures`) and logged (once, then every 30 s with the backlog), the recovery logged too.
 *   Beyond `maxPending` entries the newest are dropped, counted and logged.
 * - `retention` deletes old messages in short batches.
 * - `pg` is an optional peer dependency, loaded on first use.
 *
 * @example
 * NazModule.forRoot({ ...options, extraProviders: [PostgresMessageLedger.provider({ connection: process.env.DATABASE_URL })] });
 */
export class PostgresMessageLedger implements MessageLedger {
  /** The table's names, as resolved from the options. */
  readonly names: LedgerNames;
  readonly recordText: boolean;

  private readonly logger: NazLogger;
  private readonly maxPending: number;
  private readonly batcher: TurnBatcher<LedgerEntry>;
  private readonly sql: LedgerSql;
  private pool?: PgPoolLike;
  private opening?: Promise<PgPoolLike>;
  private closed = false;
  private retentionTimer?: NodeJS.Timeout;
  private purging = false;
  private readonly counters = { recorded: 0, written: 0, writeFailures: 0, dropped: 0, purged: 0 };
  private pendingCount = 0;
  private lastError?: string;
  private outageLoggedAt = 0;
  private droppedLoggedAt = 0;

  constructor(private readonly options: PostgresMessageLedgerOptions = {}) {
    this.names = resolveLedgerNames(options);
    this.sql = ledgerSql(this.names);
    this.logger = options.logger ?? silentLogger;
    this.recordText = options.recordText ?? false;
    this.maxPending = positiveInteger('maxPending', options.maxPending ?? 200_000);
    const batchSize = positiveInteger('batchSize', options.batchSize ?? 2_000);
    const retention = options.retention;
    if (retention) {
      positiveInteger('retention.maxAgeMs', retention.maxAgeMs);
      positiveInteger('retention.batchSize', retention.batchSize ?? 1_000);
      positiveInteger('retention.intervalMs', retention.intervalMs ?? 60_000);
    }
    this.batcher = new TurnBatcher<LedgerEntry>({
      onFailure: 'retry',
      maxBatch: batchSize,
      write: (entries) => this.write(entries),
      onError: (error) => this.onWriteError(error),
      onRecovered: () => {
        this.logger.info('message ledger: writes resumed', {
          table: this.names.sqlTable,
          pending: this.pendingCount,
          failuresSoFar: this.counters.writeFailures,
        });
        this.lastError = undefined;
        this.outageLoggedAt = 0;
      },
    });
  }

  /**
   * Creates the ledger table and its indexes if they are missing (idempotent; one transaction under an advisory
   * lock).
   */
  static async migrate(db: PgQueryable, names: LedgerNameOptions = {}): Promise<void> {
    const resolved = resolveLedgerNames(names);
    const lock = `SELECT pg_advisory_xact_lock(hashtext(${quoteLiteral(`nestjs-naz ledger ${resolved.sqlTable}`)}));`;
    await db.query(`${lock}\n${ledgerMigrationSql(resolved)}`);
  }

  /** The migration as SQL text, for your migration tool. */
  static migrationSql(names: LedgerNameOptions = {}): string {
    return ledgerMigrationSql(resolveLedgerNames(names));
  }

  /**
   * A Nest provider of this ledger under `NAZ_MESSAGE_LEDGER`, without importing Nest.
   * @example
   * PostgresMessageLedger.provider({
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ connection: config.getOrThrow('DATABASE_URL'), retention: { maxAgeMs: 90 * 86_400_000 } }),
   * })
   */
  static provider(
    options: NazPolicyProviderOptions<PostgresMessageLedgerOptions> = {},
  ): NazFactoryProvider<PostgresMessageLedger> {
    return nazPolicyProvider(NAZ_MESSAGE_LEDGER, options, (resolved) => new PostgresMessageLedger(resolved));
  }

  record(entry: LedgerEntry): void {
    this.counters.recorded++;
    if (this.closed) return this.drop('the ledger is closed');
    if (this.pendingCount >= this.maxPending)
      return this.drop(`${this.maxPending} entries are waiting (maxPending)`);
    this.pendingCount++;
    void this.batcher.add(entry);
    this.startRetention();
  }

  async getMessage(correlationId: string): Promise<MessageHistory | undefined> {
    await this.flush();
    const { rows } = await (await this.connection()).query(this.sql.get, [correlationId]);
    const row = rows[0] as { state: LedgerState; events: StoredLedgerEvent[] } | undefined;
    return row ? toMessageHistory(row.state, row.events) : undefined;
  }

  async findMessages(query: FindMessagesQuery = {}): Promise<MessageSummary[]> {
    const limit = queryLimit(query);
    await this.flush();
    const { rows } = await (
      await this.connection()
    ).query(this.sql.find, [
      query.to ?? null,
      queryStatuses(query) ?? null,
      query.since?.toISOString() ?? null,
      limit,
    ]);
    return (rows as Array<{ state: LedgerState }>).map((row) => toMessageSummary(row.state));
  }

  /** Waits (at most 5 s) for the entries recorded so far to be written; never throws. */
  async flush(): Promise<void> {
    await withTimeout(this.batcher.drain(), FLUSH_TIMEOUT_MS).catch(noop);
  }

  stats(): LedgerStats {
    return {
      ...this.counters,
      pending: this.pendingCount,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** Writes what is pending (at most 5 s, then one last try), stops the retention and ends the pool if the ledger opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.flush();
    await this.batcher.close();
    if (this.pendingCount > 0) {
      this.logger.warn('message ledger: closed with entries not written', {
        table: this.names.sqlTable,
        lost: this.pendingCount,
      });
    }
    const pool = this.pool ?? (await this.opening?.catch(() => undefined));
    if (pool && !this.options.pool) await withTimeout(pool.end(), 5_000).catch(noop);
  }

  /** Nest lifecycle hook: closes the ledger when the application shuts down (after the clients stopped). */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Deletes messages older than `retention.maxAgeMs`, `batchSize` rows per statement; returns how many. */
  async purge(): Promise<number> {
    const retention = this.options.retention;
    if (!retention || this.purging) return 0;
    this.purging = true;
    const batch = retention.batchSize ?? 1_000;
    const cutoff = new Date(Date.now() - retention.maxAgeMs).toISOString();
    let total = 0;
    try {
      const db = await this.connection();
      for (;;) {
        const { rowCount } = await db.query(this.sql.purge, [cutoff, batch]);
        total += rowCount ?? 0;
        if ((rowCount ?? 0) < batch || this.closed) break;
      }
    } catch (error) {
      this.logger.warn('message ledger: retention purge failed; trying again later', {
        table: this.names.sqlTable,
        error: toError(error).message,
      });
    } finally {
      this.purging = false;
    }
    this.counters.purged += total;
    return total;
  }

  private startRetention(): void {
    if (this.retentionTimer || !this.options.retention || this.closed) return;
    this.retentionTimer = setInterval(() => void this.purge(), this.options.retention.intervalMs ?? 60_000);
    this.retentionTimer.unref();
  }

  private async connection(): Promise<PgPoolLike> {
    if (this.pool) return this.pool;
    this.opening ??= (async () => {
      const pool =
        this.options.pool ??
        (await createPgPool(
          this.options.connection,
          'PostgresMessageLedger',
          (error) => this.onWriteError(error),
          { max: 2 },
        ));
      if (this.options.migrate) await PostgresMessageLedger.migrate(pool, this.options);
      this.pool = pool;
      return pool;
    })().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  /** One batch in one transaction: lock the batch's rows, fold the entries into their states, write them back. */
  private async write(entries: LedgerEntry[]): Promise<void> {
    const byId = new Map<string, LedgerEntry[]>();
    for (const entry of entries) {
      const list = byId.get(entry.correlationId);
      if (list) list.push(entry);
      else byId.set(entry.correlationId, [entry]);
    }
    // Sorted: every writer locks rows in the same order, so two replicas' batches cannot deadlock each other.
    const ids = [...byId.keys()].sort();
    const db = await (await this.connection()).connect();
    let failure: Error | undefined;
    try {
      await db.query('BEGIN');
      await db.query(this.sql.placeholders, [ids]);
      const { rows } = await db.query(this.sql.lock, [ids]);
      const updates: LedgerRowUpdate[] = [];
      for (const row of rows as Array<{
        correlation_id: string;
        state: LedgerState | Record<string, never>;
      }>) {
        const list = byId.get(row.correlation_id);
        if (!list) continue;
        const state =
          'correlationId' in row.state
            ? (row.state as LedgerState)
            : newLedgerState(row.correlation_id, list[0]!.at);
        for (const entry of list) applyLedgerEntry(state, entry);
        updates.push({ id: state.correlationId, state, events: list.map(toStoredEvent) });
      }
      await db.query(this.sql.update, [JSON.stringify(updates)]);
      await db.query('COMMIT');
    } catch (error) {
      failure = toError(error);
      await db.query('ROLLBACK').catch(noop);
      throw failure;
    } finally {
      // A connection that failed mid-transaction may be broken: the pool replaces it.
      db.release(failure);
    }
    this.counters.written += entries.length;
    this.pendingCount -= entries.length;
  }

  private onWriteError(error: Error): void {
    this.counters.writeFailures++;
    this.lastError = error.message;
    const now = Date.now();
    if (now - this.outageLoggedAt < OUTAGE_LOG_EVERY_MS) return;
    this.outageLoggedAt = now;
    this.logger.warn('message ledger: writing failed; sending goes on, entries are kept and retried', {
      table: this.names.sqlTable,
      error: error.message,
      pending: this.pendingCount,
      failures: this.counters.writeFailures,
    });
  }

  private drop(why: string): void {
    this.counters.dropped++;
    const now = Date.now();
    if (now - this.droppedLoggedAt < OUTAGE_LOG_EVERY_MS) return;
    this.droppedLoggedAt = now;
    this.logger.error('message ledger: entries dropped', {
      table: this.names.sqlTable,
      why,
      droppedSoFar: this.counters.dropped,
    });
  }
}

/** One row's new state and events, as `jsonb_to_recordset` reads them (the columns are derived in SQL). */
interface LedgerRowUpdate {
  id: string;
  state: LedgerState;
  events: StoredLedgerEvent[];
}

interface LedgerSql {
  placeholders: string;
  lock: string;
  update: string;
  get: string;
  find: string;
  purge: string;
}

function ledgerSql(names: LedgerNames): LedgerSql {
  const t = names.sqlTable;
  return {
    // Rows for messages seen for the first time, so the next statement has a row to lock for every id (two
    // replicas inserting the same new message wait on each other here instead of overwriting each other).
    placeholders: `INSERT INTO ${t} (correlation_id, status, state, created_at, updated_at)
SELECT id, 'queued', '{}'::jsonb, now(), now() FROM unnest($1::text[]) AS id ORDER BY id
ON CONFLICT (correlation_id) DO NOTHING`,
    lock: `SELECT correlation_id, state FROM ${t} WHERE correlation_id = ANY($1::text[]) ORDER BY correlation_id FOR UPDATE`,
    // The searchable columns are read out of the state here rather than sent beside it: half the JSON to build.
    update: `UPDATE ${t} AS m SET
  client = x.state->>'client', destination = x.state->>'to', source = x.state->>'from',
  status = x.state->>'status', final = (x.state->>'final')::boolean, reason = x.state->>'reason',
  attempts = (x.state->>'attempts')::integer,
  message_ids = ARRAY(SELECT jsonb_array_elements_text(x.state->'messageIds')),
  metadata = x.state->'metadata', state = x.state, events = m.events || x.events,
  created_at = to_timestamp((x.state->>'createdAt')::float8 / 1000),
  updated_at = to_timestamp((x.state->>'updatedAt')::float8 / 1000),
  final_at = to_timestamp((x.state->>'finalAt')::float8 / 1000)
FROM jsonb_to_recordset($1::jsonb) AS x(id text, state jsonb, events jsonb)
WHERE m.correlation_id = x.id`,
    get: `SELECT state, events FROM ${t} WHERE correlation_id = $1 AND state ? 'correlationId'`,
    find: `SELECT state FROM ${t}
WHERE state ? 'correlationId'
  AND ($1::text IS NULL OR destination = $1)
  AND ($2::text[] IS NULL OR status = ANY($2))
  AND ($3::timestamptz IS NULL OR created_at >= $3)
ORDER BY created_at DESC LIMIT $4`,
    purge: `DELETE FROM ${t} WHERE correlation_id IN (
  SELECT correlation_id FROM ${t} WHERE created_at < $1 ORDER BY created_at LIMIT $2)`,
  };
}

function positiveInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0))
    throw new RangeError(`PostgresMessageLedger ${name} must be an integer > 0, got ${String(value)}`);
  return value;
}
