import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One chaos scenario's account of every message it handed over: the fate table's row.
 *
 * @remarks
 * The shape is shared by every helper that records rows (see test/chaos/README.md); keep it as it is.
 */
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
  /** Messages with 0 or more than 1 final outcomes (must be 0). */
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

/** The environment variable naming the run's fate file (JSON lines); set by the chaos run's global setup. */
export const FATE_FILE_ENV = 'NAZ_CHAOS_FATE_FILE';

const COUNT_FIELDS = [
  'sent',
  'submitted',
  'failed',
  'deadLettered',
  'notExactlyOne',
  'smscDuplicates',
  'inFlightAtFault',
  'receiptsExpected',
  'receiptsCorrelated',
] as const satisfies ReadonlyArray<keyof FateRow>;

/**
 * Appends one row (JSON line) to the run's fate file; the chaos run prints all rows as one table at the end.
 *
 * @remarks
 * Outside `npm run test:chaos` (no fate file: `npm test` runs the short scenarios) the row is checked and
 * dropped. A row whose counts are not whole numbers ≥ 0 throws, naming the field: a table of wrong numbers
 * is worse than none.
 */
export function recordFate(row: FateRow): void {
  if (typeof row.scenario !== 'string' || row.scenario.trim() === '') {
    throw new TypeError('fate row: scenario must be a non-empty string');
  }
  for (const field of COUNT_FIELDS) {
    const value = row[field];
    if (!Number.isInteger(value) || value < 0) {
      throw new TypeError(
        `fate row "${row.scenario}": ${field} must be an integer >= 0, got ${String(value)}`,
      );
    }
  }
  const file = process.env[FATE_FILE_ENV];
  if (file === undefined || file === '') return;
  const line: Record<string, unknown> = { scenario: row.scenario };
  for (const field of COUNT_FIELDS) line[field] = row[field];
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** The rows of a fate file, in the order recorded (a line that is not a row is reported as an error). */
export function readFates(file: string): FateRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as FateRow;
      } catch {
        throw new Error(`${file}:${i + 1}: not a fate row: ${line.slice(0, 80)}`);
      }
    });
}

/** Which invariants a row breaks (empty when it keeps them all). */
export function fateViolations(row: FateRow): string[] {
  const broken: string[] = [];
  if (row.notExactlyOne !== 0) broken.push(`${row.notExactlyOne} without exactly one outcome`);
  if (row.submitted + row.failed + row.deadLettered > row.sent) broken.push('more outcomes than messages');
  if (row.smscDuplicates > row.inFlightAtFault)
    broken.push('more SMSC duplicates than in flight at the fault');
  if (row.receiptsCorrelated !== row.receiptsExpected) broken.push('receipts without their correlationId');
  return broken;
}

const HEADERS = [
  'scenario',
  'sent',
  'submitted',
  'failed',
  'dead-lettered',
  'not exactly one',
  'SMSC duplicates',
  'in flight at fault',
  'receipts expected',
  'receipts correlated',
  'verdict',
];

/** The rows as one Markdown table (what the chaos run prints, and test/chaos/README.md keeps). */
export function formatFateTable(rows: readonly FateRow[]): string {
  const body = rows.map((row) => {
    const broken = fateViolations(row);
    return [
      row.scenario,
      ...COUNT_FIELDS.map((field) => String(row[field])),
      broken.length === 0 ? 'ok' : `BROKEN: ${broken.join('; ')}`,
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(HEADERS), rule, ...body.map(line)].join('\n');
}

const RUN = Symbol.for('nestjs-naz.chaos.fateRun');

/**
 * Jest global setup and global teardown of `npm run test:chaos` (both flags name this file).
 *
 * @remarks
 * The first call (setup) creates the run's fate file and names it in the environment, so every scenario
 * appends its row there; the second (teardown) prints all rows as one table (paste it into
 * test/chaos/README.md) and removes the file. One module for both because Jest loads global setup files outside
 * its module mapper: this file must import nothing of ours at run time. A row breaking an invariant is marked
 * BROKEN; the scenario's own assertions have failed the run already.
 */
export default function fateRun(): void {
  const state = globalThis as { [RUN]?: string };
  const file = state[RUN];
  if (file === undefined) {
    const created = join(tmpdir(), `naz-chaos-fates-${process.pid}-${Date.now()}.jsonl`);
    writeFileSync(created, '');
    process.env[FATE_FILE_ENV] = created;
    state[RUN] = created;
    return;
  }
  delete state[RUN];
  const rows = readFates(file);
  rmSync(file, { force: true });
  const broken = rows.filter((row) => fateViolations(row).length > 0).length;
  process.stdout.write(
    `\nChaos fate table (${rows.length} scenario(s), ${broken} broken):\n\n${formatFateTable(rows)}\n\n`,
  );
}
