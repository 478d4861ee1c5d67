import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import { InMemoryMessageLedger } from '../../lib/ledger/in-memory-message-ledger.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSmsc, until } from './router-fixtures.js';
import { describeRouterLedger, kinds } from './router-ledger-scenarios.js';

describeRouterLedger('in memory', () => Promise.resolve(new InMemoryMessageLedger()));

describe('a router given a ledger of its own', () => {
  let simA: SmscSimulator;
  let simB: SmscSimulator;
  let a: SmppClient;
  let b: SmppClient;

  beforeAll(async () => {
    simA = await startSmsc('smsc-a');
    simB = await startSmsc('smsc-b');
    a = await startClient('a', simA.port);
    b = await startClient('b', simB.port);
  });

  afterAll(async () => {
    await Promise.all([a.stop({ drainTimeoutMs: 200 }), b.stop({ drainTimeoutMs: 200 })]);
    await Promise.all([simA.stop(), simB.stop()]);
  });

  it('records its facts there when the clients record nothing', async () => {
    const ledger = new InMemoryMessageLedger();
    const router = new SmppRouter({ routes: [{ prefix: '', clients: ['a', 'b'] }] }, [a, b], {
      logger: silentLogger,
      ledger,
      name: 'own',
    });
    router.start();
    simA.setFaults({ throttleEveryNth: 1 });
    try {
      await router.submit({ to: '33612345678', text: 'hi', correlationId: 'own-ledger' });
    } finally {
      simA.clearFaults();
      await router.stop();
    }
    const h = await ledger.getMessage('own-ledger');
    expect(h).toMatchObject({ client: 'b', status: 'submitted', final: true, attempts: 2 });
    expect(kinds(h)).toEqual(['failover', 'routed']);
    expect(h!.events[0]).toMatchObject({ from: 'a', to: 'b', reason: 'status', status: 'ESME_RTHROTTLED' });
  });

  it("marks its attempts on the clients' events with its name", async () => {
    const router = new SmppRouter({ routes: [{ prefix: '', clients: ['a', 'b'] }] }, [a, b], {
      logger: silentLogger,
      name: 'marker',
    });
    const seen: Array<{ client: string; router?: string; event: string }> = [];
    const onSubmitted = (e: { client: string; router?: string }) =>
      seen.push({ client: e.client, router: e.router, event: 'submitted' });
    const onFailed = (e: { client: string; router?: string }) =>
      seen.push({ client: e.client, router: e.router, event: 'failed' });
    for (const c of [a, b]) {
      c.on('submitted', onSubmitted);
      c.on('failed', onFailed);
    }
    router.start();
    simA.setFaults({ throttleEveryNth: 1 });
    try {
      await router.submit({ to: '33612345678', text: 'hi', correlationId: 'marked' });
      await a.submit({ to: '33612345679', text: 'direct' }).catch(() => undefined);
    } finally {
      simA.clearFaults();
      for (const c of [a, b]) {
        c.off('submitted', onSubmitted);
        c.off('failed', onFailed);
      }
      await router.stop();
    }
    await until(() => seen.length === 3, 'three client events');
    expect(seen).toEqual([
      { client: 'a', router: 'marker', event: 'failed' },
      { client: 'b', router: 'marker', event: 'submitted' },
      { client: 'a', router: undefined, event: 'failed' },
    ]);
  });
});
