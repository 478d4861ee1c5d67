import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PostgresMessageLedger } from '../../ledger/postgres/postgres-message-ledger.js';
import { PostgresOutboundQueue } from './postgres-outbound-queue.js';

describe('the plain .sql migrations in docs/postgres', () => {
  it('are exactly what migrate() runs with the default names (regenerate them when the layout changes)', () => {
    expect(readFileSync('docs/postgres/outbox.sql', 'utf8')).toBe(PostgresOutboundQueue.migrationSql());
    expect(readFileSync('docs/postgres/ledger.sql', 'utf8')).toBe(PostgresMessageLedger.migrationSql());
  });

  it('quote every user-chosen name, so a name cannot change the statements around it', () => {
    const sql = PostgresOutboundQueue.migrationSql({ schema: 'a"b', table: "t'; DROP TABLE x; --" });
    expect(sql).toContain(`CREATE TABLE IF NOT EXISTS "a""b"."t'; DROP TABLE x; --" (`);
    expect(sql).toContain(`PERFORM pg_notify('a"b.t''; DROP TABLE x; --', '');`);
    // A newline in a name stays inside its quotes; it never ends a comment (names never appear in comments).
    const multiline = PostgresOutboundQueue.migrationSql({ table: 'zq\nDROP TABLE y;' });
    const count = (text: string): number => multiline.split(text).length - 1;
    expect(count('DROP TABLE y')).toBeGreaterThan(0);
    expect(count('DROP TABLE y')).toBe(count('zq\nDROP TABLE y'));
    expect(multiline.split('\n').filter((line) => line.startsWith('--') && line.includes('zq'))).toEqual([]);
  });
});
