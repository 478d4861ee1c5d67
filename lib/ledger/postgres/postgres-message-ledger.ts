import { toError } from '../../errors/to-error.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { silentLogger } from '../../logging/safe-logger.js';
import { createPgPool } from '../../postgres/load-pg.js';
import type { PgPoolLike, PgQueryable } from '../../postgres/pg-client.interface.js';
import { quoteLiteral } from '../../postgres/quote-identifier.js';
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
 * - `record()` appends to a buffer and returns; a writer takes everything buffered (up to `batchSize`) as one
 *   batch, writes it in one transaction while the next batch fills, and so writes larger batches the more it
 *   has to catch up: a batch then holds most of each message's life (queued, submit, submitted), folded in
 *   memory and written as one row.
 * - One row per message: searchable columns (destination, status, created_at...), the folded state and the
 *   events as `jsonb`. A batch inserts the rows of messages it sees first (one multi-row `INSERT ... ON
 *   CONFLICT DO NOTHING`); only messages that have a row already (an earlier batch, another replica's
 *   receipt) are locked (`SELECT ... FOR UPDATE`, in id order), folded and updated, so replicas that record
 *   parts of one message's life converge on the same state.
 * - PostgreSQL unreachable: sending goes on. Failed batches are retried with backoff, each failure counted
 *   (`stats().writeFailures`) and logged (once, then every 30 s with the backlog), the recovery logged too.
 * - A writer that falls behind (or an outage) is loud: past half of `maxPending` buffered entries a warning
 *   says so (every 30 s while it lasts); beyond `maxPending` the newest entries are dropped, counted
 *   (`stats().dropped`) and logged at error level. Memory never grows without bound.
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
  private readonly batchSize: number;
  private readonly sql: LedgerSql;
  private pool?: PgPoolLike;
  private opening?: Promise<PgPoolLike>;
  private closed = false;
  private retentionTimer?: NodeJS.Timeout;
  private purging = false;
  private readonly counters = { recorded: 0, written: 0, writeFailures: 0, dropped: 0, purged: 0 };
  /** Entries recorded and not taken by the writer yet, oldest first. */
  private buffer: LedgerEntry[] = [];
  /** Entries of the batch being written. */
  private inFlight = 0;
  /** The writer's loop while it runs (it runs until the buffer is empty). */
  private writing?: Promise<void>;
  private scheduled = false;
  private failing = false;
  private retryTimer?: NodeJS.Timeout;
  private retryWake?: () => void;
  private lastError?: string;
  private outageLoggedAt = 0;
  private droppedLoggedAt = 0;
  private behindLoggedAt = 0;

  constructor(private readonly options: PostgresMessageLedgerOptions = {}) {
    this.names = resolveLedgerNames(options);
    this.sql = ledgerSql(this.names);
    this.logger = options.logger ?? silentLogger;
    this.recordText = options.recordText ?? false;
    this.maxPending = positiveInteger('maxPending', options.maxPending ?? 500_000);
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 20_000);
    const retention = options.retention;
    if (retention) {
      positiveInteger('retention.maxAgeMs', retention.maxAgeMs);
      positiveInteger('retention.batchSize', retention.batchSize ?? 1_000);
      positiveInteger('retention.intervalMs', retention.intervalMs ?? 60_000);
    }
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
    // Held: waiting, and in the batch being written.
    const held = this.buffer.length + this.inFlight;
    if (held >= this.maxPending) return this.drop(`${this.maxPending} entries are waiting (maxPending)`);
    this.buffer.push(entry);
    if (held * 2 >= this.maxPending) this.warnBehind();
    if (!this.writing && !this.scheduled) this.schedule();
    if (this.retentionTimer === undefined && this.options.retention) this.startRetention();
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
    await withTimeout(this.drain(), FLUSH_TIMEOUT_MS).catch(noop);
  }

  stats(): LedgerStats {
    return {
      ...this.counters,
      pending: this.buffer.length + this.inFlight,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** Writes what is pending (at most 5 s, then one last try), stops the retention and ends the pool if the ledger opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryWake?.();
    await this.writing;
    if (this.buffer.length > 0) {
      // One last try (the loop stopped at close, in its backoff).
      const last = this.buffer;
      this.buffer = [];
      await this.write(last).then(
        () => (this.counters.written += last.length),
        (error: unknown) => {
          this.buffer = last;
          this.onWriteError(toError(error));
        },
      );
    }
    if (this.buffer.length > 0) {
      this.logger.warn('message ledger: closed with entries not written', {
        table: this.names.sqlTable,
        lost: this.buffer.length,
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

  /** Resolves once the buffer is empty and no batch is in flight (or the ledger closed). */
  private async drain(): Promise<void> {
    while ((this.buffer.length > 0 || this.writing) && !this.closed) {
      if (!this.writing) this.startWriter();
      await this.writing;
    }
  }

  /** Starts the writer at the end of this turn, so the entries recorded in the turn go in one batch. */
  private schedule(): void {
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing) this.startWriter();
    });
  }

  private startWriter(): void {
    if (this.writing || this.buffer.length === 0 || this.closed) return;
    this.writing = this.writeLoop().finally(() => (this.writing = undefined));
  }

  /** Writes batch after batch, oldest first, each everything buffered (up to `batchSize`), until none is left. */
  private async writeLoop(): Promise<void> {
    let backoffMs = 100;
    while (this.buffer.length > 0 && !this.closed) {
      const batch =
        this.buffer.length <= this.batchSize ? this.buffer : this.buffer.splice(0, this.batchSize);
      if (batch === this.buffer) this.buffer = [];
      this.inFlight = batch.length;
      try {
        await this.write(batch);
        this.counters.written += batch.length;
        backoffMs = 100;
        if (this.failing) {
          this.failing = false;
          this.logger.info('message ledger: writes resumed', {
            table: this.names.sqlTable,
            pending: this.buffer.length,
            failuresSoFar: this.counters.writeFailures,
          });
          this.lastError = undefined;
          this.outageLoggedAt = 0;
        }
      } catch (error) {
        // Back at the head, in order; newer entries wait behind it (and are dropped beyond maxPending).
        this.inFlight = 0;
        this.buffer = this.buffer.length === 0 ? batch : batch.concat(this.buffer);
        this.failing = true;
        this.onWriteError(toError(error));
        await this.pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      } finally {
        this.inFlight = 0;
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.retryWake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
      this.retryTimer.unref();
    });
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

  /**
   * One batch in one transaction: the messages first seen here inserted with their folded state (one
   * statement), then those that had a row already locked, folded and updated.
   */
  private async write(entries: LedgerEntry[]): Promise<void> {
    const byId = new Map<string, LedgerEntry[]>();
    for (const entry of entries) {
      const list = byId.get(entry.correlationId);
      if (list) list.push(entry);
      else byId.set(entry.correlationId, [entry]);
    }
    // Sorted: every writer inserts and locks rows in the same order, so two replicas' batches cannot deadlock.
    const ids = [...byId.keys()].sort();
    const rows: LedgerRowUpdate[] = new Array<LedgerRowUpdate>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const list = byId.get(id)!;
      const state = foldEntries(newLedgerState(id, firstAt(list)), list);
      rows[i] = { id, state, events: storedEvents(list), ids: state.messageIds };
    }
    const db = await (await this.connection()).connect();
    let failure: Error | undefined;
    try {
      await db.query('BEGIN');
      const { rows: conflicts } = await db.query(this.sql.insert, [JSON.stringify(rows)]);
      if (conflicts.length > 0) {
        // Some messages have a row already: fold this batch's entries into their stored state.
        const existing = (conflicts as Array<{ id: string }>).map((r) => r.id).sort();
        const { rows: locked } = await db.query(this.sql.lock, [existing]);
        const updates: LedgerRowUpdate[] = [];
        for (const row of locked as Array<{ correlation_id: string; state: LedgerState }>) {
          const list = byId.get(row.correlation_id);
          if (!list) continue;
          const stored =
            'correlationId' in row.state ? row.state : newLedgerState(row.correlation_id, firstAt(list));
          updates.push({
            id: row.correlation_id,
            state: foldEntries(stored, list),
            events: storedEvents(list),
          });
        }
        await db.query(this.sql.update, [JSON.stringify(updates)]);
      }
      await db.query('COMMIT');
    } catch (error) {
      failure = toError(error);
      await db.query('ROLLBACK').catch(noop);
      throw failure;
    } finally {
      // A connection that failed mid-transaction may be broken: the pool replaces it.
      db.release(failure);
    }
  }

  /** Past half of maxPending: the writer is behind (or PostgreSQL is down); said every 30 s while it lasts. */
  private warnBehind(): void {
    const now = Date.now();
    if (now - this.behindLoggedAt < OUTAGE_LOG_EVERY_MS) return;
    this.behindLoggedAt = now;
    this.logger.warn('message ledger: the writer is behind; entries beyond maxPending will be dropped', {
      table: this.names.sqlTable,
      pending: this.buffer.length + this.inFlight,
      maxPending: this.maxPending,
      failing: this.failing,
    });
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
      pending: this.buffer.length + this.inFlight,
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
  /** The state's message ids again, as a column jsonb_to_recordset turns into `text[]` (new rows only). */
  ids?: string[];
}

interface LedgerSql {
  insert: string;
  lock: string;
  update: string;
  get: string;
  find: string;
  purge: string;
}

function ledgerSql(names: LedgerNames): LedgerSql {
  const t = names.sqlTable;
  // The searchable columns are read out of the state here rather than sent beside it: half the JSON to build.
  const columns = `client = x.state->>'client', destination = x.state->>'to', source = x.state->>'from',
  status = x.state->>'status', final = (x.state->>'final')::boolean, reason = x.state->>'reason',
  attempts = (x.state->>'attempts')::integer,
  message_ids = ARRAY(SELECT jsonb_array_elements_text(x.state->'messageIds')),
  metadata = x.state->'metadata',`;
  const times = `to_timestamp((x.state->>'createdAt')::float8 / 1000),
  to_timestamp((x.state->>'updatedAt')::float8 / 1000),
  to_timestamp((x.state->>'finalAt')::float8 / 1000)`;
  return {
    // Rows arrive sorted by id, and are inserted in that order (see write()). A row another writer inserted
    // first is left alone here and updated by the statements below.
    // Answers only the ids that had a row already (usually none): no row per message to send back and parse.
    insert: `WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, state jsonb, events jsonb, ids text[])
), inserted AS (
  INSERT INTO ${t} (correlation_id, client, destination, source, status, final, reason, attempts,
    message_ids, metadata, state, events, created_at, updated_at, final_at)
  SELECT x.id, x.state->>'client', x.state->>'to', x.state->>'from', x.state->>'status',
    (x.state->>'final')::boolean, x.state->>'reason', (x.state->>'attempts')::integer,
    x.ids, x.state->'metadata', x.state, x.events,
    ${times}
  FROM x
  ON CONFLICT (correlation_id) DO NOTHING
  RETURNING correlation_id
)
SELECT id FROM x WHERE (SELECT count(*) FROM inserted) < (SELECT count(*) FROM x)
  AND id NOT IN (SELECT correlation_id FROM inserted)`,
    lock: `SELECT correlation_id, state FROM ${t} WHERE correlation_id = ANY($1::text[]) ORDER BY correlation_id FOR UPDATE`,
    update: `UPDATE ${t} AS m SET
  ${columns} state = x.state, events = m.events || x.events,
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

/** Folds a message's entries of one batch into its state (new or stored). */
function foldEntries(state: LedgerState, entries: readonly LedgerEntry[]): LedgerState {
  for (const entry of entries) applyLedgerEntry(state, entry);
  return state;
}

function firstAt(entries: readonly LedgerEntry[]): number {
  let at = Infinity;
  for (const entry of entries) if (entry.at < at) at = entry.at;
  return at;
}

/** The entries as the row's events keep them (without the fields the row names). */
function storedEvents(entries: readonly LedgerEntry[]): StoredLedgerEvent[] {
  const events = new Array<StoredLedgerEvent>(entries.length);
  for (let i = 0; i < entries.length; i++) events[i] = toStoredEvent(entries[i]!);
  return events;
}

function positiveInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0))
    throw new RangeError(`PostgresMessageLedger ${name} must be an integer > 0, got ${String(value)}`);
  return value;
}
