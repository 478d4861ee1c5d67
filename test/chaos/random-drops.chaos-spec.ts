import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CHAOS_FULL, delay, scaled, until } from './support/chaos-env.js';
import type { CapturingLogger } from './support/capturing-logger.js';
import { startChaosClient, startChaosSimulator } from './support/chaos-fixtures.js';
import { DeliveryLedger, feedContinuously, ledgerFate } from './support/delivery-ledger.js';
import { recordFate } from './support/fate-table.js';
import { ReceiptLedger } from './support/receipt-ledger.js';

/** How long the SMSC keeps dropping connections, and how often (each bound connection dies within this). */
const DROP_PHASE_MS = scaled(8_000, 60_000);
const DROP_WITHIN_MS = scaled({ min: 300, max: 1_500 }, { min: 1_000, max: 4_000 });
const WINDOW = 20;

describe(`chaos: the SMSC drops the connection at random moments under full load (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  let logger: CapturingLogger | undefined;

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it(
    'loses nothing: every message is accepted at least once or failed with a reason; duplicates stay within the windows lost',
    async () => {
      // Receipts 0-50 ms after each submit: some overtake their response, some die with a connection, and the
      // receipt of a message accepted twice names an id the client never heard of.
      sim = await startChaosSimulator({ receipts: { enabled: true, delayMs: { min: 0, max: 50 } } });
      const s = sim;
      const ledger = new DeliveryLedger();
      ledger.watchSimulator(s);
      const receipts = new ReceiptLedger();
      ({ client, logger } = await startChaosClient(s.port, {
        windowSize: WINDOW,
        defaults: { registeredDelivery: true },
      }));
      const c = client;
      ledger.watchClient(c);
      receipts.watch(c);
      // The moment the client sees the loss, its in-flight requests are still counted: the most that can be
      // accepted by the SMSC without the client hearing of it.
      c.on('state', (change) => {
        if (change.previous === 'bound') ledger.recordFault(change.reason, c);
      });
      await c.waitUntilBound(5000);

      const feeder = feedContinuously(c, ledger, 2 * WINDOW * 10);
      // A few ms of response delay: some accepted messages lose their response with the connection, so the
      // duplicate bound is exercised, not just trivially met.
      s.setFaults({ randomDropMs: DROP_WITHIN_MS, responseDelayMs: { min: 0, max: 3 } });
      await delay(DROP_PHASE_MS);
      sim.clearFaults();
      await feeder.stop();
      await until(
        () => ledger.settled === ledger.handed,
        scaled(30_000, 60_000),
        'every message reported by the client',
        () => ({ handed: ledger.handed, settled: ledger.settled, stats: c.stats() }),
      );

      // Receipts still due at the SMSC or held by the client (those of SMSC-side duplicates wait out their hold).
      await until(
        () => s.stats().receiptsPending === 0 && c.stats().receiptsHeld === 0,
        30_000,
        'every receipt sent and out of the hold',
        () => ({ sim: s.stats().receiptsPending, client: c.stats() }),
      );

      const report = ledger.report();
      const receiptReport = receipts.report();
      recordFate(ledgerFate('drops under load', report, report.inFlightAtFaults, receiptReport));
      const stats = c.stats();
      const drops = sim.stats().faults.dropped;
      // A line for the report: what one run of this scenario covered.
      process.stdout.write(
        `random-drops: ${report.handed} messages, ${drops} drops, ${stats.reconnects} reconnects, ` +
          `${report.duplicatesAtSmsc} duplicates (in flight at drops: ${report.inFlightAtFaults}), ` +
          `${stats.retried} retries, ${receiptReport.correlated}/${receiptReport.expected} receipts correlated ` +
          `(${receiptReport.foreign} for ids never confirmed)\n`,
      );

      expect(drops).toBeGreaterThanOrEqual(scaled(3, 15));
      expect(stats.reconnects).toBeGreaterThanOrEqual(drops - 1);
      expect(report.handed).toBeGreaterThan(scaled(1_000, 10_000));
      expect(report.lost).toEqual([]);
      expect(report.unreported).toEqual([]);
      expect(report.confirmedNotAtSmsc).toEqual([]);
      expect(report.reportedTwice).toBe(0);
      // A lost connection does not count toward retry.maxAttempts: nothing fails.
      expect(report.failedReasons).toEqual({});
      expect(report.confirmed).toBe(report.handed);
      // A duplicate needs a request whose response died with the connection: at most a window per drop.
      expect(report.duplicatesAtSmsc).toBeLessThanOrEqual(report.inFlightAtFaults);
      expect(report.inFlightAtFaults).toBeLessThanOrEqual(WINDOW * ledger.faults.length);
      expect(ledger.faults.length).toBe(drops);
      expect(report.duplicatesAtSmsc).toBeLessThanOrEqual(stats.retried);
      // Every receipt that came back for a confirmed message carried its correlationId; a receipt lost with a
      // connection is the SMSC's to deliver again (a real one would: no deliver_sm_resp).
      expect(receiptReport.correlated).toBe(receiptReport.expected);
      expect(receiptReport.expected).toBeGreaterThan(report.confirmed / 2);

      // Secrets: not in any log line, event or error the scenario produced, nor in the stats.
      logger!.witness.check('stats', stats);
      expect(logger!.witness.leaks).toEqual([]);
      expect(logger!.total).toBeGreaterThan(0);
    },
    scaled(90_000, 180_000),
  );
});
