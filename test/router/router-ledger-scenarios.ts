import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { MessageHistory, MessageLedger } from '../../lib/ledger/message-ledger.interface.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import { SmppRouter } from '../../lib/router/smpp-router.js';
import type { RoutedEvent } from '../../lib/router/router-events.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSmsc } from './router-fixtures.js';

/** 372 GSM characters: three parts of 153. */
export const LONG_TEXT = 'A long message in three parts. '.repeat(12);

/** The events of a history without their times, for comparison. */
export function kinds(history: MessageHistory | undefined): string[] {
  return (history?.events ?? []).map((e) => e.type);
}

/**
 * The router's facts in the ledger, against two real SMSCs: each scenario makes one failover happen for a real
 * reason and reads the message back with `getMessage()`.
 */
export function describeRouterLedger(label: string, makeLedger: () => Promise<MessageLedger>): void {
  describe(`the ledger records routing (${label})`, () => {
    let simA: SmscSimulator;
    let simB: SmscSimulator;
    let ledger: MessageLedger;
    let a: SmppClient;
    let b: SmppClient;
    let router: SmppRouter;

    beforeAll(async () => {
      simA = await startSmsc('smsc-a');
      simB = await startSmsc('smsc-b');
      ledger = await makeLedger();
      // Both clients record their submits in the same ledger; the router records its facts there too (its
      // default: each client's own ledger).
      a = await startClient('a', simA.port, {}, { ledger });
      b = await startClient('b', simB.port, {}, { ledger });
      router = new SmppRouter({ routes: [{ prefix: '44', clients: ['a', 'b'] }] }, [a, b], {
        logger: silentLogger,
      });
      router.start();
    });

    afterEach(() => {
      simA.clearFaults();
      simB.clearFaults();
    });

    afterAll(async () => {
      await router.stop();
      await Promise.all([a.stop({ drainTimeoutMs: 200 }), b.stop({ drainTimeoutMs: 200 })]);
      await ledger.close?.();
      await Promise.all([simA.stop(), simB.stop()]);
    });

    async function history(id: string): Promise<MessageHistory | undefined> {
      await ledger.flush();
      return ledger.getMessage(id);
    }

    it('shows the client that handled a queued message and the failover on the way, with its reason', async () => {
      simA.setFaults({ queueFullEveryNth: 1 });
      const routed = new Promise<RoutedEvent>((resolve) => {
        const on = (e: RoutedEvent) => {
          if (e.correlationId !== 'ledger-full') return;
          router.off('routed', on);
          resolve(e);
        };
        router.on('routed', on);
      });
      await router.send({ to: '447700900001', text: 'hello', correlationId: 'ledger-full' });
      expect((await routed).client).toBe('b');

      const h = await history('ledger-full');
      expect(h).toMatchObject({
        correlationId: 'ledger-full',
        client: 'b',
        status: 'submitted',
        final: true,
        attempts: 2,
        to: '447700900001',
      });
      expect(h!.messageIds).toHaveLength(1);
      // queued by the router's send(); the attempt on a is not a fate: no 'failed' entry, one failover, then the
      // message's outcome.
      expect(kinds(h)).toEqual(['queued', 'submit', 'failover', 'submit', 'submitted', 'routed']);
      expect(h!.events[0]).toMatchObject({ type: 'queued', to: '447700900001' });
      expect(h!.events.find((e) => e.type === 'failover')).toMatchObject({
        route: '44',
        from: 'a',
        to: 'b',
        reason: 'status',
        status: 'ESME_RMSGQFUL',
        mayDuplicate: false,
      });
      expect(h!.events.find((e) => e.type === 'routed')).toMatchObject({ route: '44', attempts: 2 });
    });

    it('flags a failover after a response timeout as a possible duplicate', async () => {
      simA.setFaults({ neverAnswerEveryNth: 1 });
      const result = await router.submit(
        { to: '447700900002', text: 'late', correlationId: 'ledger-timeout' },
        { timeoutMs: 300 },
      );
      expect(result.client).toBe('b');
      const h = await history('ledger-timeout');
      expect(h).toMatchObject({ client: 'b', status: 'submitted', attempts: 2 });
      expect(h!.events.find((e) => e.type === 'failover')).toMatchObject({
        from: 'a',
        to: 'b',
        reason: 'timeout',
        mayDuplicate: true,
      });
    });

    it('records a permanent rejection once, as the router decided it', async () => {
      const error = await router
        .submit({ to: '447700900003', text: 'x', correlationId: 'ledger-permanent', registeredDelivery: 3 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const h = await history('ledger-permanent');
      expect(h).toMatchObject({ status: 'failed', final: true, reason: 'ESME_RINVREGDLVFLG', client: 'a' });
      expect(kinds(h)).toEqual(['submit', 'failed']);
    });

    it('re-sends a long message whole on the next SMSC when one part was refused, flagged as a possible duplicate', async () => {
      const atB = simB.stats().received.submit_sm ?? 0;
      // Part 2 of 3 is refused at a: parts 1 and 3 were accepted there, and will be delivered.
      simA.setFaults({ queueFullEveryNth: 2 });
      const result = await router.submit({
        to: '447700900004',
        text: LONG_TEXT,
        correlationId: 'ledger-long',
      });
      expect(result.client).toBe('b');
      expect(result.messageIds).toHaveLength(3);
      expect(result.failovers).toEqual([
        { from: 'a', to: 'b', reason: 'status', status: 'ESME_RMSGQFUL', mayDuplicate: true },
      ]);
      // Every part went to b: one concatenated set is never split across SMSCs.
      expect((simB.stats().received.submit_sm ?? 0) - atB).toBe(3);
      const h = await history('ledger-long');
      expect(h).toMatchObject({ client: 'b', status: 'submitted' });
      expect(h!.messageIds).toEqual(result.messageIds);
      expect(h!.events.filter((e) => e.type === 'submit')).toHaveLength(6);
      expect(h!.events.find((e) => e.type === 'failover')).toMatchObject({ mayDuplicate: true });
    });
  });
}
