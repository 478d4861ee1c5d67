import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FATE_FILE_ENV, type FateRow, formatFateTable, readFates, recordFate } from './fate-table.js';

const row = (scenario: string, changes: Partial<FateRow> = {}): FateRow => ({
  scenario,
  sent: 100,
  submitted: 98,
  failed: 2,
  deadLettered: 0,
  notExactlyOne: 0,
  smscDuplicates: 1,
  inFlightAtFault: 10,
  receiptsExpected: 98,
  receiptsCorrelated: 98,
  ...changes,
});

describe('the chaos fate table', () => {
  const saved = process.env[FATE_FILE_ENV];
  const dir = mkdtempSync(join(tmpdir(), 'naz-fates-'));
  afterEach(() => {
    if (saved === undefined) delete process.env[FATE_FILE_ENV];
    else process.env[FATE_FILE_ENV] = saved;
  });

  it('appends one JSON line per row to the run file and reads them back in order', () => {
    const file = join(dir, 'fates.jsonl');
    process.env[FATE_FILE_ENV] = file;
    recordFate(row('drops under load'));
    recordFate(row('early receipts', { smscDuplicates: 0 }));
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(readFates(file).map((r) => r.scenario)).toEqual(['drops under load', 'early receipts']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a row with a count that is not a whole number >= 0, naming the field', () => {
    expect(() => recordFate(row('x', { failed: -1 }))).toThrow(
      'fate row "x": failed must be an integer >= 0',
    );
    expect(() => recordFate(row('', {}))).toThrow('scenario must be a non-empty string');
  });

  it('prints one Markdown table with a verdict per row', () => {
    const table = formatFateTable([
      row('drops under load'),
      row('lossy', { notExactlyOne: 3, receiptsCorrelated: 97, smscDuplicates: 11 }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| scenario +\| sent \| submitted \|/);
    expect(lines[1]).toMatch(/^\| -+ \| -+: \|/);
    expect(lines[2]).toMatch(/\| ok +\|$/);
    expect(lines[3]).toContain(
      'BROKEN: 3 without exactly one outcome; more SMSC duplicates than in flight at the fault; receipts without their correlationId',
    );
  });
});
