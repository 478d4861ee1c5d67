import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One chaos scenario's accounting: every message's final outcome, duplicates and receipts (FATE.md). */
export interface FateRow {
  /** e.g. 'drops under load', 'SIGKILL Redis, same consumer name'. */
  scenario: string;
  /** Messages handed to send()/enqueue. */
  sent: number;
  /** Final outcome: accepted by the SMSC. */
  submitted: number;
  /** Final outcome: failed with a reason. */
  failed: number;
  /** Final outcome: dead-lettered with reason + payload. */
  deadLettered: number;
  /** Messages with 0 or >1 final outcomes (must be 0). */
  notExactlyOne: number;
  /** submit_sm the SMSC accepted more than once for one message. */
  smscDuplicates: number;
  /** Messages in flight/leased when the fault hit (bound for duplicates). */
  inFlightAtFault: number;
  /** Accepted messages that got a receipt. */
  receiptsExpected: number;
  /** Of those, receipts that carried the right correlationId (must equal expected). */
  receiptsCorrelated: number;
}

/** The run's fate file: `NAZ_FATE_FILE`, else `naz-fate.jsonl` in the temp directory. */
export function fateFile(): string {
  return process.env.NAZ_FATE_FILE ?? join(tmpdir(), 'naz-fate.jsonl');
}

/** Appends one row (JSON line) to the run's fate file; the chaos run prints all rows as one table at the end. */
export function recordFate(row: FateRow): void {
  appendFileSync(fateFile(), `${JSON.stringify(row)}\n`);
  console.log(`fate: ${JSON.stringify(row)}`);
}
