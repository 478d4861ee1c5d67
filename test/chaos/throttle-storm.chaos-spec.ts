import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { SamplingThrottleHandler } from '../../lib/throttle/sampling-throttle-handler.js';
import { CHAOS_FULL, delay, scaled, until } from './support/chaos-env.js';
import type { CapturingLogger } from './support/capturing-logger.js';
import { startChaosClient, startChaosSimulator } from './support/chaos-fixtures.js';
import { DeliveryLedger, feedContinuously, ledgerFate } from './support/delivery-ledger.js';
import { recordFate } from './support/fate-table.js';

const BASELINE_MS = scaled(2_000, 5_000);
const STORM_MS = scaled(3_000, 10_000);
const RECOVERY_MS = scaled(3_000, 10_000);
/** The client's own rate limit: the baseline the storm is compared with. */
const RATE = 300;

/** One phase's traffic as the SMSC saw it. */
interface Phase {
  name: string;
  ms: number;
  /** submit_sm received per second (accepted and throttled alike). */
  attemptsPerSecond: number;
  /** Times the throttle handler paused the session. */
  denials: number;
}

describe(`chaos: ESME_RTHROTTLED storm, then recovery (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  let logger: CapturingLogger | undefined;

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it(
    'slows the whole session down while every 2nd response is throttled, returns to its rate after, and loses nothing',
    async () => {
      sim = await startChaosSimulator();
      const s = sim;
      const ledger = new DeliveryLedger();
      ledger.watchSimulator(s);
      const throttle = new SamplingThrottleHandler({
        samplingPeriodMs: 1000,
        sampleSize: 20,
        denyAtPercent: 10,
        delayMs: 200,
      });
      ({ client, logger } = await startChaosClient(
        s.port,
        { windowSize: 10, rateLimit: { perSecond: RATE, burst: 20 } },
        { throttleHandler: throttle },
      ));
      const c = client;
      ledger.watchClient(c);
      await c.waitUntilBound(5000);
      const feeder = feedContinuously(c, ledger, 500);

      const phases: Phase[] = [];
      /** Runs `ms` and records the SMSC-side rate over its last `measureMs`. */
      const phase = async (name: string, ms: number, measureMs = ms): Promise<Phase> => {
        await delay(ms - measureMs);
        const attempts0 = s.stats().received.submit_sm ?? 0;
        const denials0 = throttle.denialCount;
        const t0 = Date.now();
        await delay(measureMs);
        const elapsed = Date.now() - t0;
        const result: Phase = {
          name,
          ms: elapsed,
          attemptsPerSecond: (((s.stats().received.submit_sm ?? 0) - attempts0) * 1000) / elapsed,
          denials: throttle.denialCount - denials0,
        };
        phases.push(result);
        return result;
      };

      const baseline = await phase('baseline', BASELINE_MS, BASELINE_MS / 2);
      s.setFaults({ throttleEveryNth: 2 });
      const storm = await phase('storm', STORM_MS);
      s.clearFaults();
      const recovery = await phase('recovery', RECOVERY_MS, RECOVERY_MS / 2);
      await feeder.stop();
      await until(
        () => ledger.settled === ledger.handed,
        30_000,
        'every message reported by the client',
        () => ({ handed: ledger.handed, settled: ledger.settled, stats: c.stats() }),
      );
      const report = ledger.report();
      // A throttled submit was refused, not accepted: nothing is in doubt at this fault.
      recordFate(ledgerFate('throttle storm', report, 0));
      const throttled = s.stats().statuses.ESME_RTHROTTLED ?? 0;
      process.stdout.write(
        `throttle-storm: ${report.handed} messages, ${throttled} throttled responses, ` +
          `phases ${JSON.stringify(phases.map((p) => ({ ...p, attemptsPerSecond: Math.round(p.attemptsPerSecond) })))}, ` +
          `failed ${JSON.stringify(report.failedReasons)}\n`,
      );

      // The storm happened and the client adapted: it paused the session and sent at a fraction of its rate.
      expect(throttled).toBeGreaterThan(20);
      expect(storm.denials).toBeGreaterThan(0);
      expect(storm.attemptsPerSecond).toBeLessThan(baseline.attemptsPerSecond * 0.6);
      // Then it returned: no pauses once the SMSC recovered, and the rate is back near the baseline.
      expect(recovery.denials).toBe(0);
      expect(recovery.attemptsPerSecond).toBeGreaterThan(baseline.attemptsPerSecond * 0.7);

      // Nothing lost; a throttled submit is not accepted, so there are no duplicates at all.
      expect(report.lost).toEqual([]);
      expect(report.unreported).toEqual([]);
      expect(report.confirmedNotAtSmsc).toEqual([]);
      expect(report.reportedTwice).toBe(0);
      expect(report.duplicatesAtSmsc).toBe(0);
      // Only retries exhausted by throttling may fail, and they say so.
      for (const reason of Object.keys(report.failedReasons)) expect(reason).toBe('ESME_RTHROTTLED');
      expect(report.confirmed + report.failed).toBe(report.handed);

      logger!.witness.check('stats', c.stats());
      expect(logger!.witness.leaks).toEqual([]);
    },
    scaled(60_000, 120_000),
  );
});
