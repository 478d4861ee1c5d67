import { randomBytes } from 'node:crypto';
import { SmppClient } from '../../lib/client/index.js';
import type { ResponseHookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import { InMemoryMessageLedger, PostgresMessageLedger, type MessageLedger } from '../../lib/ledger/index.js';
import { RunMeter } from '../support/measure.js';
import type { Driver, RunSpec } from './driver.interface.js';
import { measuredRun, producerLead, runCompletion } from './naz-engine.driver.js';
import type { RunResult } from '../support/run-result.js';

/**
 * The bare engine path (`send()` → in-memory queue → send loop → simulator) with a message ledger recording
 * every message: the same client as the `naz-engine` driver plus `policies.ledger`. The run ends when every
 * message is submitted and every ledger entry is stored, so a ledger that falls behind is charged for it.
 */
function ledgerDriver(makeLedger: (spec: RunSpec) => Promise<MessageLedger>): Driver {
  return async (spec: RunSpec): Promise<RunResult> => {
    const ledger = await makeLedger(spec);
    const meter: { current?: RunMeter } = {};
    const client = new SmppClient(
      {
        host: '127.0.0.1',
        port: spec.port,
        systemId: 'bench',
        password: 'bench',
        windowSize: spec.window,
        queueCapacity: producerLead(spec.window) * 2,
        logLevel: 'error',
        defaults: { from: 'BENCH', sourceAddrTon: 5, registeredDelivery: spec.receipts },
      },
      {
        ledger,
        hooks: {
          afterResponse: (c: ResponseHookContext) => {
            if (c.request.command === 'submit_sm') meter.current?.latency(c.elapsedMs);
          },
        },
      },
    );
    const completion = runCompletion(spec);
    client.on(spec.receipts ? 'deliveryReceipt' : 'submitted', () => completion.tick());
    client.on('failed', (e) => {
      throw new Error(`bench message failed: ${e.reason}`);
    });
    await client.start();
    await client.waitUntilBound(10_000);
    try {
      // Timed until every entry is stored: the ledger's writes are part of what this run costs.
      return await measuredRun(
        spec,
        meter,
        completion,
        (text) => client.send({ to: '447700900123', text }),
        async () => {
          while (ledger.stats().pending > 0) await ledger.flush();
          const stats = ledger.stats();
          if (stats.dropped > 0 || stats.writeFailures > 0)
            throw new Error(`ledger bench: ${stats.dropped} dropped, ${stats.writeFailures} failed writes`);
        },
      );
    } finally {
      await client.stop({ drainTimeoutMs: 1000 });
      await ledger.close?.();
    }
  };
}

/** The engine with the default ledger (in memory, bounded). */
export const memoryLedgerDriver: Driver = ledgerDriver(() =>
  Promise.resolve(
    new InMemoryMessageLedger(
      process.env.LEDGER_MAX_MESSAGES ? { maxMessages: Number(process.env.LEDGER_MAX_MESSAGES) } : {},
    ),
  ),
);

/** The engine with a ledger that keeps nothing: what recording costs the client before any ledger stores it. */
export const noopLedgerDriver: Driver = ledgerDriver(() =>
  Promise.resolve({
    record: () => undefined,
    getMessage: () => Promise.resolve(undefined),
    findMessages: () => Promise.resolve([]),
    flush: () => Promise.resolve(),
    stats: () => ({ recorded: 0, written: 0, pending: 0, writeFailures: 0, dropped: 0, purged: 0 }),
  }),
);

/** The engine with the PostgreSQL ledger (a fresh table per run on the bench's throwaway cluster). */
export const postgresLedgerDriver: Driver = ledgerDriver(async (spec) => {
  const url = process.env.BENCH_PG_URL;
  if (!url) throw new Error('BENCH_PG_URL is not set: the postgres scenario starts a cluster and sets it');
  return new PostgresMessageLedger({
    connection: url,
    schema: 'naz_bench',
    table: `ledger_${randomBytes(4).toString('hex')}`,
    migrate: true,
    // Room for a whole run (3 entries a message, receipts 4): the run measures how fast the ledger stores them
    // all, not how many it drops when the engine outruns it (the default bound, 500,000, would drop some).
    maxPending: Math.max(500_000, spec.messages * 5),
  });
});
