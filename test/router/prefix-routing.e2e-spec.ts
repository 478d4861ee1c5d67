import { describe, it, expect, afterAll } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { OutcomeLog, SmscLedger, randomNumber, startClient, startSmsc, until } from './router-fixtures.js';

const MESSAGES = 10_000;
/** prefix → the simulator (by its system_id) that must receive it. */
const EXPECTED: Record<string, string> = { '44': 'smsc-uk', '33': 'smsc-eu', '49': 'smsc-eu' };

describe('prefix routing over two real SMSCs', () => {
  const sims: SmscSimulator[] = [];
  const clients: SmppClient[] = [];
  let router: SmppRouter | undefined;

  afterAll(async () => {
    await router?.stop();
    await Promise.all(clients.map((c) => c.stop({ drainTimeoutMs: 200 })));
    await Promise.all(sims.map((s) => s.stop()));
  });

  it(`delivers each of ${MESSAGES} messages to random numbers of three prefixes to the right SMSC, once`, async () => {
    const uk = await startSmsc('smsc-uk');
    const eu = await startSmsc('smsc-eu');
    sims.push(uk, eu);
    const ledger = new SmscLedger({ name: 'smsc-uk', sim: uk }, { name: 'smsc-eu', sim: eu });
    const ukClient = await startClient('uk', uk.port);
    const euClient = await startClient('eu', eu.port);
    clients.push(ukClient, euClient);
    router = new SmppRouter(
      {
        routes: [
          { prefix: '44', clients: ['uk'] },
          { prefix: '33', clients: ['eu'] },
          { prefix: '49', clients: ['eu'] },
        ],
      },
      clients,
      { logger: silentLogger },
    );
    const log = new OutcomeLog(router);
    router.start();

    const prefixes = Object.keys(EXPECTED);
    const sent = new Map<string, string>();
    for (let i = 0; i < MESSAGES; i++) {
      const to = randomNumber(prefixes[i % 3]!);
      const correlationId = `m${i}`;
      sent.set(correlationId, to);
      await router.send({ to, text: correlationId, correlationId });
    }
    await until(() => log.routed.size + log.failed.length >= MESSAGES, 'every message routed', 60_000);

    expect(log.failed).toEqual([]);
    expect(log.failovers).toEqual([]);
    expect(ledger.duplicates()).toEqual([]);
    const systemIdOf: Record<string, string | undefined> = {
      uk: ukClient.stats().systemId,
      eu: euClient.stats().systemId,
    };
    let wrong = 0;
    for (const [correlationId, to] of sent) {
      const expected = EXPECTED[to.slice(0, 2)]!;
      const [event] = log.routed.get(correlationId)!;
      // The router says which client handled it, that client is bound to the expected SMSC, and that SMSC
      // received it (to that very destination).
      if (systemIdOf[event!.client] !== expected) wrong++;
      if (ledger.accepted.get(correlationId)?.[0] !== `${expected}:${to}`) wrong++;
    }
    expect(wrong).toBe(0);
    expect(ledger.accepted.size).toBe(MESSAGES);
  }, 90_000);
});
