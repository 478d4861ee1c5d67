-- nestjs-naz message ledger, layout version 1 (docs/POSTGRES.md).
-- Idempotent: safe to run again. Run it in one transaction (psql --single-transaction -f ...).
CREATE SCHEMA IF NOT EXISTS "public";

-- One row per message. The columns are what you search by; "state" is the folded state and "events" the
-- history (oldest first), both written by the library. Read them, do not write them.
CREATE TABLE IF NOT EXISTS "public"."naz_messages" (
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
CREATE INDEX IF NOT EXISTS "naz_messages_destination_idx" ON "public"."naz_messages" (destination, created_at DESC);
CREATE INDEX IF NOT EXISTS "naz_messages_status_idx" ON "public"."naz_messages" (status, created_at DESC);
CREATE INDEX IF NOT EXISTS "naz_messages_created_idx" ON "public"."naz_messages" (created_at);
