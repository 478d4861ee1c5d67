import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmppClientOptions } from '../../lib/client/smpp-client-options.interface.js';
import type { RouterOptions } from '../../lib/router/router-options.interface.js';
import type { CircuitEvent } from '../../lib/router/router-events.interface.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import {
  KeepingLogger,
  OutcomeLog,
  SmscLedger,
  randomNumber,
  startClient,
  startSmsc,
  until,
} from './router-fixtures.js';

/** The client timeouts these scenarios run with (see startClient). */
const RESPONSE_TIMEOUT_MS = 2000;
const KEEPALIVE_MS = 1000;

/** Sends `count` messages to prefix 44 at about `perSecond`, numbered from `from`. */
async function feed(router: SmppRouter, from: number, count: number, perSecond: number): Promise<void> {
  const batch = 10;
  const started = Date.now();
  for (let i = 0; i < count; i += batch) {
    for (let k = i; k < Math.min(count, i + batch); k++) {
      const id = `m${from + k}`;
      await router.send({ to: randomNumber('44'), text: id, correlationId: id });
    }
    // Pace by the clock, not by fixed sleeps: a slow machine catches up instead of drifting.
    const due = started + ((i + batch) * 1000) / perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

describe('failover between two real SMSCs', () => {
  const sims: SmscSimulator[] = [];
  const clients: SmppClient[] = [];
  let router: SmppRouter | undefined;

  afterEach(async () => {
    await router?.stop();
    await Promise.all(clients.splice(0).map((c) => c.stop({ drainTimeoutMs: 200 })));
    await Promise.all(sims.splice(0).map((s) => s.stop()));
  });

  async function setUp(
    logger: KeepingLogger,
    tweaks: { primary?: Partial<SmppClientOptions>; router?: Partial<RouterOptions> } = {},
  ) {
    const primary = await startSmsc('smsc-primary');
    const backup = await startSmsc('smsc-backup');
    sims.push(primary, backup);
    const ledger = new SmscLedger({ name: 'primary', sim: primary }, { name: 'backup', sim: backup });
    const a = await startClient('a', primary.port, tweaks.primary);
    const b = await startClient('b', backup.port);
    clients.push(a, b);
    router = new SmppRouter(
      {
        routes: [{ prefix: '44', clients: ['a', 'b'] }],
        unboundFailoverMs: 200,
        maxPendingPerClient: 200,
        circuitBreaker: { failureThreshold: 5, windowMs: 2000, cooldownMs: 500 },
        retry: { maxAttempts: 50, initialDelayMs: 50, maxDelayMs: 200 },
        ...tweaks.router,
      },
      clients,
      { logger },
    );
    const log = new OutcomeLog(router);
    const circuits: CircuitEvent[] = [];
    router.on('circuit', (e) => circuits.push(e));
    router.start();
    return { primary, backup, ledger, a, b, router, log, circuits };
  }

  it('moves traffic off a killed SMSC within the timeouts, loses nothing, duplicates at most what was in flight, and comes back', async () => {
    const logger = new KeepingLogger();
    const { primary, ledger, log, circuits, router: r } = await setUp(logger);
    const port = primary.port;
    const total = 1500;
    const feeding = feed(r, 0, total, 500);

    await until(() => log.routedTo('a') >= 300, '300 messages through the primary');
    const inFlightAtKill = r.status().clients.a!.pending;
    const killedAt = Date.now();
    await primary.stop();
    await until(() => log.routedTo('b', killedAt) > 0, 'traffic on the backup');
    const movedAfterMs = log.timeline.find((t) => t.client === 'b' && t.at >= killedAt)!.at - killedAt;
    const failoversDuringOutage = log.failovers.length;

    // The SMSC comes back on the same port.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const revived = await SmscSimulator.start({
      port,
      systemId: 'smsc-primary',
      receipts: { enabled: false },
    });
    sims.push(revived);
    ledger.watch('primary', revived);
    await feeding;
    await until(() => log.routed.size + log.failed.length >= total, 'every message decided', 60_000);

    // Once it is bound and usable again (its circuit closed, if the kill opened it), the route prefers it: with
    // no backlog and no overflow, every new message goes to it.
    await until(
      () => r.status().clients.a!.usable && r.status().clients.a!.circuit === 'closed',
      'primary usable',
    );
    const returnFrom = total;
    await feed(r, returnFrom, 200, 200);
    await until(
      () => log.routed.size + log.failed.length >= total + 200,
      'the last messages decided',
      30_000,
    );

    // Within the keepalive/response timeout: the killed connection closes at once, so it is far quicker.
    expect(movedAfterMs).toBeLessThan(RESPONSE_TIMEOUT_MS + KEEPALIVE_MS);
    expect(failoversDuringOutage).toBeGreaterThan(0);
    // Nothing lost, nothing decided twice.
    expect(log.failed).toEqual([]);
    expect(log.routed.size).toBe(total + 200);
    expect([...log.routed.values()].every((events) => events.length === 1)).toBe(true);
    for (let i = 0; i < total + 200; i++) expect(ledger.accepted.has(`m${i}`)).toBe(true);
    // Duplicates only among the messages the killed client had outstanding, and each one is flagged.
    const duplicates = ledger.duplicates();
    expect(duplicates.length).toBeLessThanOrEqual(inFlightAtKill);
    const flagged = new Set(log.failovers.filter((f) => f.mayDuplicate).map((f) => f.correlationId));
    for (const id of duplicates) expect(flagged.has(id)).toBe(true);
    // Every failover is reported with its reason, in an event and a log line.
    expect(log.failovers.every((f) => f.from === 'a' && f.to === 'b')).toBe(true);
    const reasons = new Set(log.failovers.map((f) => f.reason));
    const expected = ['connection-lost', 'unbound', 'queue-full', 'circuit-open', 'timeout'];
    expect([...reasons].every((reason) => expected.includes(reason))).toBe(true);
    expect(logger.lines.filter((l) => l.message === 'failover')).toHaveLength(log.failovers.length);
    // Traffic returned to the preferred SMSC.
    const lastIds = Array.from({ length: 200 }, (_, k) => `m${returnFrom + k}`);
    expect(lastIds.filter((id) => log.routed.get(id)![0]!.client === 'a')).toHaveLength(200);
    expect(circuits.every((c) => c.client === 'a')).toBe(true);
  }, 90_000);

  it('opens the circuit of a throttling SMSC, moves its traffic, and closes it once the storm ends', async () => {
    const logger = new KeepingLogger();
    const { primary, log, circuits, router: r } = await setUp(logger);
    const total = 2500;
    const feeding = feed(r, 0, total, 800);

    await until(() => log.routedTo('a') >= 300, '300 messages through the primary');
    primary.setFaults({ throttleEveryNth: 1 });
    const stormAt = Date.now();
    await until(() => circuits.some((c) => c.client === 'a' && c.to === 'open'), 'the circuit to open');
    await until(() => log.routedTo('b', stormAt) >= 200, 'traffic on the backup');
    const duringStorm = log.timeline.filter((t) => t.at > stormAt + 100);
    const throttled = log.failovers.filter((f) => f.reason === 'status' && f.status === 'ESME_RTHROTTLED');

    primary.clearFaults();
    const calmAt = Date.now();
    // Traffic keeps coming until it is back on the primary: on a slow machine the 2,500 above may all be decided
    // before the circuit's cool-down ends, and a half-open circuit needs messages to probe with.
    let extra = 0;
    let calm = false;
    const trickle = (async () => {
      while (!calm) {
        await feed(r, total + extra, 10, 200);
        extra += 10;
      }
    })();
    await until(
      () => circuits.some((c) => c.client === 'a' && c.to === 'closed'),
      'the circuit to close again',
      20_000,
    );
    await until(() => log.routedTo('a', calmAt) >= 100, 'traffic back on the primary', 20_000);
    calm = true;
    await Promise.all([feeding, trickle]);
    await until(() => log.routed.size + log.failed.length >= total + extra, 'every message decided', 30_000);

    expect(throttled.length).toBeGreaterThanOrEqual(5);
    expect(throttled.every((f) => f.from === 'a' && f.to === 'b' && !f.mayDuplicate)).toBe(true);
    expect(duringStorm.filter((t) => t.client === 'b').length).toBeGreaterThan(0.9 * duringStorm.length);
    expect(circuits.filter((c) => c.client === 'a').map((c) => c.to)).toEqual(
      expect.arrayContaining(['open', 'half-open', 'closed']),
    );
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.startsWith('circuit opened'))).toBe(true);
    expect(log.failed).toEqual([]);
    expect(log.routed.size).toBe(total + extra);
    expect([...log.routed.values()].every((events) => events.length === 1)).toBe(true);
  }, 90_000);

  it('moves traffic off an SMSC that stops answering in time; the only duplicates are flagged timeouts, at most the outstanding ones', async () => {
    const logger = new KeepingLogger();
    const maxPending = 40;
    const {
      primary,
      ledger,
      log,
      circuits,
      router: r,
    } = await setUp(logger, {
      // The window is shorter than the response timeout, so the first timeouts meet no earlier successes.
      primary: { responseTimeoutMs: 400, enquireLinkIntervalMs: 5000 },
      router: {
        maxPendingPerClient: maxPending,
        circuitBreaker: { failureThreshold: 5, windowMs: 300, cooldownMs: 1000 },
      },
    });
    const total = 1200;
    const feeding = feed(r, 0, total, 400);
    await until(() => log.routedTo('a') >= 100, '100 messages through the primary');
    // The SMSC still accepts every message but answers after the client gave up on it.
    primary.setFaults({ responseDelayMs: 1500 });
    const slowAt = Date.now();
    await until(() => circuits.some((c) => c.client === 'a' && c.to === 'open'), 'the circuit to open');
    await until(() => log.routedTo('b', slowAt) >= 50, 'traffic on the backup');
    primary.clearFaults();
    await feeding;
    await until(() => log.routed.size + log.failed.length >= total, 'every message decided', 30_000);

    expect(log.failed).toEqual([]);
    expect(log.routed.size).toBe(total);
    expect([...log.routed.values()].every((events) => events.length === 1)).toBe(true);
    const timedOut = log.failovers.filter((f) => f.reason === 'timeout');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.every((f) => f.mayDuplicate && f.from === 'a' && f.to === 'b')).toBe(true);
    // A late-answered message reached both SMSCs: that is the duplicate the router admits, and flags.
    const duplicates = ledger.duplicates();
    expect(duplicates.length).toBeGreaterThan(0);
    const flagged = new Set(log.failovers.filter((f) => f.mayDuplicate).map((f) => f.correlationId));
    for (const id of duplicates) expect(flagged.has(id)).toBe(true);
    // Bounded by what the client may have outstanding, once per circuit episode (opening, then each probe).
    const episodes = circuits.filter((c) => c.client === 'a' && c.to === 'open').length;
    expect(duplicates.length).toBeLessThanOrEqual(maxPending * episodes);
  }, 90_000);
});
