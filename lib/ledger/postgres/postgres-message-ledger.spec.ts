import { describe, expect, it } from '@jest/globals';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { PgPoolLike } from '../../postgres/pg-client.interface.js';
import { PostgresMessageLedger } from './postgres-message-ledger.js';

/** A pool whose connections never come: the writer is stuck on its first batch, as behind a slow server. */
function stuckPool(): PgPoolLike {
  const never = new Promise<never>(() => undefined);
  return {
    query: () => never,
    connect: () => never,
    end: () => Promise.resolve(),
    on: () => undefined,
  } as unknown as PgPoolLike;
}

function recordingLogger(): NazLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: () => undefined,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

describe('PostgresMessageLedger when its writer falls behind', () => {
  it('warns past half of maxPending, then drops new entries beyond it, counted and logged at error level', async () => {
    const logger = recordingLogger();
    const ledger = new PostgresMessageLedger({ pool: stuckPool(), maxPending: 10, logger });
    const at = Date.now();
    for (let i = 0; i < 4; i++)
      ledger.record({ type: 'queued', correlationId: `m${i}`, at, client: 'c', to: '1' });
    expect(logger.lines).toEqual([]);
    // Let the writer take its first batch (it then waits for a connection that never comes).
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 4; i < 14; i++)
      ledger.record({ type: 'queued', correlationId: `m${i}`, at, client: 'c', to: '1' });
    expect(
      logger.lines.filter((l) => l.startsWith('warn: message ledger: the writer is behind')),
    ).toHaveLength(1);
    expect(logger.lines).toContain('error: message ledger: entries dropped');
    const stats = ledger.stats();
    expect(stats.recorded).toBe(14);
    expect(stats.pending + stats.dropped).toBe(14);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.pending).toBe(10);
    expect(stats.dropped).toBe(4);
  });
});
