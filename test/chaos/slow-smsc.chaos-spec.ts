import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CHAOS_FULL, delay, scaled, until } from './support/chaos-env.js';
import type { CapturingLogger } from './support/capturing-logger.js';
import { startChaosClient, startChaosSimulator } from './support/chaos-fixtures.js';
import { DeliveryLedger, feedContinuously, ledgerFate } from './support/delivery-ledger.js';
import { recordFate } from './support/fate-table.js';

const SLOW_PHASE_MS = scaled(3_000, 15_000);
const RESPONSE_TIMEOUT_MS = 300;
const WINDOW = 20;

describe(`chaos: a slow SMSC answers some requests after the response timeout (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  let logger: CapturingLogger | undefined;

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it(
    'times the late ones out, frees their slots, drops their late responses, retries them, and loses nothing',
    async () => {
      sim = await startChaosSimulator();
      const ledger = new DeliveryLedger();
      ledger.watchSimulator(sim);
      ({ client, logger } = await startChaosClient(sim.port, {
        windowSize: WINDOW,
        responseTimeoutMs: RESPONSE_TIMEOUT_MS,
      }));
      const c = client;
      ledger.watchClient(c);
      let timeoutRetries = 0;
      c.on('retry', (e) => {
        if (e.reason === 'ResponseTimeoutError') timeoutRetries++;
      });
      await c.waitUntilBound(5000);

      const feeder = feedContinuously(c, ledger, 5 * WINDOW);
      // Responses take 50-450 ms against a 300 ms timeout: about a third arrive too late.
      sim.setFaults({ responseDelayMs: { min: 50, max: 1.5 * RESPONSE_TIMEOUT_MS } });
      await delay(SLOW_PHASE_MS);
      sim.clearFaults();
      await delay(500);
      await feeder.stop();
      await until(
        () => ledger.settled === ledger.handed,
        30_000,
        'every message reported by the client',
        () => ({ handed: ledger.handed, settled: ledger.settled, stats: c.stats() }),
      );
      const report = ledger.report();
      const stats = c.stats();
      const timedOut = logger!.count('request timed out');
      const lateDropped = logger!.count('late response dropped');
      // Each timed-out request was in flight when its timeout hit: the SMSC may have accepted it.
      recordFate(ledgerFate('slow SMSC', report, timedOut));
      process.stdout.write(
        `slow-smsc: ${report.handed} messages, ${timedOut} timeouts, ${lateDropped} late responses dropped, ` +
          `${report.duplicatesAtSmsc} duplicates, failed ${JSON.stringify(report.failedReasons)}\n`,
      );

      expect(timedOut).toBeGreaterThan(0);
      expect(lateDropped).toBeGreaterThan(0);
      // The window did not leak: slots of timed-out requests were freed and traffic flowed on.
      expect(stats.inFlight).toBe(0);
      expect(stats.state).toBe('bound');

      expect(report.lost).toEqual([]);
      expect(report.unreported).toEqual([]);
      expect(report.confirmedNotAtSmsc).toEqual([]);
      expect(report.reportedTwice).toBe(0);
      for (const reason of Object.keys(report.failedReasons)) expect(reason).toBe('ResponseTimeoutError');
      expect(report.confirmed + report.failed).toBe(report.handed);
      // A timed-out request may have been accepted: its retry is the only way to a duplicate.
      expect(report.duplicatesAtSmsc).toBeLessThanOrEqual(timeoutRetries);
      expect(report.duplicatesAtSmsc).toBeLessThanOrEqual(WINDOW * timedOut);

      logger!.witness.check('stats', stats);
      expect(logger!.witness.leaks).toEqual([]);
    },
    scaled(60_000, 120_000),
  );
});
