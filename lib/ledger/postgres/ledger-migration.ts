import type { LedgerNames } from './ledger-names.js';

/** Version of the ledger table's layout (docs/POSTGRES.md). */
export const LEDGER_SCHEMA_VERSION = 1;

/**
 * The ledger's DDL: one row per message, its searchable fields as columns, its folded state and its history as
 * `jsonb`, and the indexes `findMessages` and retention use. Idempotent; run it in one transaction
 * (`PostgresMessageLedger.migrate()` does, under an advisory lock).
 */
export function ledgerMigrationSql(names: LedgerNames): string {
  const t = names.sqlTable;
  return `-- nestjs-naz message ledger, layout version ${LEDGER_SCHEMA_VERSION} (docs/POSTGRES.md).
-- Idempotent: safe to run again. Run it in one transaction (psql --single-transaction -f ...).
CREATE SCHEMA IF NOT EXISTS ${names.sqlSchema};

-- One row per message. The columns are what you search by; "state" is the folded state and "events" the
-- history (oldest first), both written by the library. Read them, do not write them.
CREATE TABLE IF NOT EXISTS ${t} (
  correlation_id text PRIMARY KEY,
  client text,
  destination text,
  source text,
  status text NOT NULL,
  final boolean NOT NULL DEFAULT false,
  reason text,
  attempts integer NOT NULL DEFAULT 0,
  message_ids text[],
  metadata jsonb,
  state jsonb NOT NULL,
  events jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  final_at timestamptz
);
CREATE INDEX IF NOT EXISTS ${names.sqlDestinationIndex} ON ${t} (destination, created_at DESC);
CREATE INDEX IF NOT EXISTS ${names.sqlStatusIndex} ON ${t} (status, created_at DESC);
CREATE INDEX IF NOT EXISTS ${names.sqlCreatedIndex} ON ${t} (created_at);
`;
}
