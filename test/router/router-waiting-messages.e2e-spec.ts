import { afterEach, describe, expect, it } from '@jest/globals';
import { getEventListeners, getMaxListeners } from 'node:events';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { QueueDelivery } from '../../lib/queue/outbound-queue.interface.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { KeepingLogger, OutcomeLog, randomNumber, startClient, startSmsc, until } from './router-fixtures.js';

/** The in-memory queue, keeping the stop signal the router passes to `receive()`. */
class SignalKeepingQueue extends InMemoryOutboundQueue {
  signal: AbortSignal | undefined;

  override receive(max: number, signal: AbortSignal): Promise<QueueDelivery[]> {
    this.signal = signal;
    return super.receive(max, signal);
  }
}

/**
 * The signal's listener limit, past which Node warns. Node 20 and 22 throw ERR_INVALID_ARG_TYPE for an
 * EventTarget whose limit is 0 (unlimited) instead of returning it; Node 24 returns 0.
 */
function listenerLimit(signal: AbortSignal): number {
  try {
    return getMaxListeners(signal);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_INVALID_ARG_TYPE') return 0;
    throw error;
  }
}

describe('SmppRouter with many messages waiting for their route', () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  let router: SmppRouter | undefined;

  afterEach(async () => {
    await router?.stop();
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it('lets dozens wait on its stop signal without a MaxListenersExceededWarning, and routes them all once the client binds', async () => {
    sim = await startSmsc('smsc');
    const port = sim.port;
    client = await startClient('a', port);
    // The route's only SMSC goes away: every message waits for its client to bind again, each one listening on
    // the router's stop signal. Dozens waiting is an outage, not a listener leak, and must not warn like one.
    await sim.stop();
    const c = client;
    await until(() => c.state !== 'bound', 'client unbound');
    const queue = new SignalKeepingQueue({ capacity: 1_000 });
    router = new SmppRouter(
      {
        routes: [{ prefix: '44', clients: ['a'] }],
        retry: { maxAttempts: 50, initialDelayMs: 50, maxDelayMs: 200 },
      },
      [client],
      { logger: new KeepingLogger(), queue },
    );
    const log = new OutcomeLog(router);
    router.start();
    const total = 40;
    for (let i = 0; i < total; i++)
      await router.send({ to: randomNumber('44'), text: `w${i}`, correlationId: `w${i}` });
    const r = router;
    await until(() => r.status().waiting >= 20, 'twenty messages waiting for the route');
    const signal = queue.signal!;
    // More listeners than Node's default limit of 10, on a signal whose limit is lifted: Node warns only when a
    // signal's count passes its limit.
    expect(getEventListeners(signal, 'abort').length).toBeGreaterThan(10);
    expect(listenerLimit(signal)).toBe(0);
    sim = await startSmsc('smsc', port);
    await until(() => log.routed.size === total, 'every waiting message routed', 20_000);
    expect(log.failed).toEqual([]);
  }, 30_000);
});
