import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CHAOS_FULL, delay, scaled, until } from './support/chaos-env.js';
import type { CapturingLogger } from './support/capturing-logger.js';
import { startChaosClient, startChaosSimulator } from './support/chaos-fixtures.js';
import { DeliveryLedger, feedContinuously, ledgerFate } from './support/delivery-ledger.js';
import { recordFate } from './support/fate-table.js';
import { ReceiptLedger } from './support/receipt-ledger.js';

const LOAD_MS = scaled(3_000, 20_000);
const WINDOW = 20;

describe(`chaos: every receipt before its submit_sm_resp, on either of two binds, under full load (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  let logger: CapturingLogger | undefined;

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it('ties every receipt to its message: all correlated, none held, nothing lost', async () => {
    // Each receipt is sent before its response, which follows 0-20 ms later, on whichever bind's turn it is.
    sim = await startChaosSimulator({
      receipts: { enabled: true, route: 'any' },
      faults: { receiptBeforeResponse: { min: 0, max: 20 } },
    });
    const s = sim;
    const ledger = new DeliveryLedger();
    ledger.watchSimulator(s);
    const receipts = new ReceiptLedger();
    ({ client, logger } = await startChaosClient(s.port, {
      sessions: 2,
      windowSize: WINDOW,
      defaults: { registeredDelivery: true },
    }));
    const c = client;
    ledger.watchClient(c);
    receipts.watch(c);
    await c.waitUntilBound(5000);

    const feeder = feedContinuously(c, ledger, 10 * WINDOW);
    await delay(LOAD_MS);
    await feeder.stop();
    await until(
      () =>
        ledger.settled === ledger.handed &&
        c.stats().receipts === s.stats().receiptsSent &&
        c.stats().receiptsHeld === 0,
      30_000,
      'every message reported and every receipt out of the hold',
      () => ({ handed: ledger.handed, settled: ledger.settled, client: c.stats(), sim: s.stats() }),
    );
    const report = ledger.report();
    const receiptReport = receipts.report();
    recordFate(ledgerFate('early receipts', report, 0, receiptReport));
    const stats = c.stats();
    process.stdout.write(
      `early-receipts: ${report.handed} messages, ${stats.receipts} receipts, ${stats.receiptsEarly} held ` +
        `for their response, ${receiptReport.correlated} correlated, ${stats.receiptsUncorrelated} uncorrelated\n`,
    );

    expect(report.lost).toEqual([]);
    expect(report.unreported).toEqual([]);
    expect(report.reportedTwice).toBe(0);
    expect(report.duplicatesAtSmsc).toBe(0);
    expect(report.confirmed).toBe(report.handed);
    // Every accepted message got its receipt, and every receipt found its correlationId.
    expect(receiptReport).toEqual({ expected: report.confirmed, correlated: report.confirmed, foreign: 0 });
    expect(stats.receiptsUncorrelated).toBe(0);
    // The scenario did what it says: most receipts came before their response was in.
    expect(stats.receiptsEarly).toBeGreaterThan(report.handed / 2);

    logger!.witness.check('stats', stats);
    expect(logger!.witness.leaks).toEqual([]);
  }, 90_000);
});
