import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import { SubmitError } from '../../lib/client/errors/submit.error.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import { NoRouteError } from '../../lib/router/errors/no-route.error.js';
import { RouteExhaustedError } from '../../lib/router/errors/route-exhausted.error.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import type { RouterOptions } from '../../lib/router/router-options.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { KeepingLogger, OutcomeLog, startClient, startSmsc, until } from './router-fixtures.js';
import { seededRandom } from './seeded-random.js';

/** registered_delivery bits 1-0 = 11 are reserved (SMPP 3.4 §5.2.17): the simulator answers ESME_RINVREGDLVFLG. */
const REJECTED_PERMANENTLY = { registeredDelivery: 3 };

describe('router outcomes against real SMSCs', () => {
  let simA: SmscSimulator;
  let simB: SmscSimulator;
  let a: SmppClient;
  let b: SmppClient;
  const routers: SmppRouter[] = [];

  beforeAll(async () => {
    simA = await startSmsc('smsc-a');
    simB = await startSmsc('smsc-b');
    a = await startClient('a', simA.port);
    b = await startClient('b', simB.port);
  });

  afterAll(async () => {
    await Promise.all(routers.map((r) => r.stop()));
    await Promise.all([a.stop({ drainTimeoutMs: 200 }), b.stop({ drainTimeoutMs: 200 })]);
    await Promise.all([simA.stop(), simB.stop()]);
  });

  function router(options: Partial<RouterOptions> = {}, random?: () => number): SmppRouter {
    const r = new SmppRouter(
      { routes: [{ prefix: '44', clients: ['a', 'b'] }], ...options },
      [a, b],
      random ? { logger: silentLogger, random } : { logger: silentLogger },
    );
    routers.push(r);
    r.start();
    return r;
  }

  const submitsAt = (sim: SmscSimulator) => sim.stats().received.submit_sm ?? 0;

  it('says which client sent a message and why it left the first one', async () => {
    const r = router();
    simA.setFaults({ queueFullEveryNth: 1 });
    try {
      const result = await r.submit({ to: '447700900001', text: 'hello', correlationId: 'full-at-a' });
      expect(result).toMatchObject({ correlationId: 'full-at-a', route: '44', client: 'b' });
      expect(result.messageIds).toHaveLength(1);
      expect(result.failovers).toEqual([
        { from: 'a', to: 'b', reason: 'status', status: 'ESME_RMSGQFUL', mayDuplicate: false },
      ]);
    } finally {
      simA.clearFaults();
    }
  });

  it('does not retry a permanent rejection elsewhere', async () => {
    const r = router();
    const log = new OutcomeLog(r);
    const atB = submitsAt(simB);
    const error = await r
      .submit({ to: '447700900002', text: 'x', correlationId: 'permanent', ...REJECTED_PERMANENTLY })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitError);
    expect((error as SubmitError).statusName).toBe('ESME_RINVREGDLVFLG');
    expect(submitsAt(simB)).toBe(atB);
    expect(log.failovers).toEqual([]);
    expect(log.failed).toMatchObject([
      {
        correlationId: 'permanent',
        client: 'a',
        reason: 'ESME_RINVREGDLVFLG',
        permanent: true,
        failovers: [],
      },
    ]);
  });

  it('retries a permanent status elsewhere when the route lists it, and reports the exhausted route', async () => {
    const r = router({
      routes: [{ prefix: '44', clients: ['a', 'b'], failoverStatuses: ['ESME_RINVREGDLVFLG'] }],
    });
    const atB = submitsAt(simB);
    const error = await r
      .submit({ to: '447700900003', text: 'x', correlationId: 'elsewhere', ...REJECTED_PERMANENTLY })
      .catch((e: unknown) => e);
    expect(submitsAt(simB)).toBe(atB + 1);
    expect(error).toBeInstanceOf(RouteExhaustedError);
    const exhausted = error as RouteExhaustedError;
    expect(exhausted.failovers).toEqual([
      { from: 'a', to: 'b', reason: 'status', status: 'ESME_RINVREGDLVFLG', mayDuplicate: false },
      { from: 'b', to: null, reason: 'status', status: 'ESME_RINVREGDLVFLG', mayDuplicate: false },
    ]);
    expect(exhausted.message).toBe(
      'route "44": no client accepted message elsewhere (a: ESME_RINVREGDLVFLG; b: ESME_RINVREGDLVFLG)',
    );
    expect((exhausted.cause as SubmitError).statusName).toBe('ESME_RINVREGDLVFLG');
  });

  it('refuses a destination no route takes, and uses the fallback when there is one', async () => {
    const strict = router();
    await expect(strict.send({ to: '33612345678', text: 'x' })).rejects.toBeInstanceOf(NoRouteError);
    const withFallback = router({ fallback: ['b'] });
    const result = await withFallback.submit({ to: '33612345678', text: 'x' });
    expect(result).toMatchObject({ route: 'fallback', client: 'b', failovers: [] });
  });

  it('gives a queued message exactly one outcome: a permanent rejection is acked and reported once', async () => {
    const r = router();
    const log = new OutcomeLog(r);
    await r.send({
      to: '447700900004',
      text: 'x',
      correlationId: 'queued-permanent',
      ...REJECTED_PERMANENTLY,
    });
    await r.send({ to: '447700900005', text: 'x', correlationId: 'queued-ok' });
    await until(() => log.failed.length + log.routed.size >= 2, 'both outcomes');
    expect(log.failed.map((f) => [f.correlationId, f.reason, f.permanent])).toEqual([
      ['queued-permanent', 'ESME_RINVREGDLVFLG', true],
    ]);
    expect(log.routed.get('queued-ok')?.map((e) => e.client)).toEqual(['a']);
    expect(await r.outboundQueue.size!()).toBe(0);
    expect(r.status().inFlight).toBe(0);
  });

  it('spreads a weighted route by weight over real clients', async () => {
    const r = router(
      {
        routes: [
          {
            prefix: '44',
            clients: [
              { client: 'a', weight: 3 },
              { client: 'b', weight: 1 },
            ],
          },
        ],
      },
      seededRandom(11),
    );
    const sent = 400;
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let i = 0; i < sent; i++) {
      const result = await r.submit({ to: `4477009${String(i).padStart(5, '0')}`, text: 'w' });
      counts[result.client]++;
    }
    expect(counts.a! / sent).toBeGreaterThan(0.7);
    expect(counts.a! / sent).toBeLessThan(0.8);
  });

  it('reports a route unhealthy once its only client has been unbound too long', async () => {
    const lone = await startSmsc('smsc-lone');
    const c = await startClient('lone', lone.port);
    const r = new SmppRouter(
      {
        routes: [
          { prefix: '44', clients: ['a', 'b'] },
          { prefix: '1', clients: ['lone'] },
        ],
        unboundFailoverMs: 100,
      },
      [a, b, c],
      { logger: silentLogger },
    );
    routers.push(r);
    try {
      expect(r.status().healthy).toBe(true);
      await lone.stop();
      await until(() => !r.status().healthy, 'the route to turn unhealthy');
      const status = r.status();
      expect(status.routes).toEqual([
        { name: '44', clients: ['a', 'b'], usableClients: ['a', 'b'], healthy: true },
        { name: '1', clients: ['lone'], usableClients: [], healthy: false },
      ]);
      expect(status.clients.lone).toMatchObject({ usable: false, circuit: 'closed' });
    } finally {
      await c.stop({ drainTimeoutMs: 100 });
    }
  });

  it('keeps a queued message while no client of its route is usable, and puts it back in the queue at stop', async () => {
    const gone = await startSmsc('smsc-gone');
    const c = await startClient('gone', gone.port);
    const logger = new KeepingLogger();
    const r = new SmppRouter({ routes: [{ prefix: '1', clients: ['gone'] }], unboundFailoverMs: 50 }, [c], {
      logger,
    });
    const log = new OutcomeLog(r);
    r.start();
    try {
      await gone.stop();
      await until(() => !r.status().healthy, 'the client to count as unbound');
      await r.send({ to: '15551234567', text: 'waits', correlationId: 'parked' });
      await until(() => r.status().waiting === 1, 'the message to wait for a usable client');
      const result = await r.stop();
      expect(log.routed.size + log.failed.length).toBe(0);
      expect(result.unsent.map((m) => m.correlationId)).toEqual(['parked']);
      expect(logger.lines.map((l) => l.message)).toContain(
        "stop: 1 message(s) still in the router's in-memory queue were not sent (parked); they are in stop()'s result",
      );
    } finally {
      await c.stop({ drainTimeoutMs: 100 });
    }
  });
});
