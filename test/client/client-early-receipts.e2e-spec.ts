import { afterEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import type { DeliveryReceiptEvent } from '../../lib/client/client-events.interface.js';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmppClientOptions } from '../../lib/client/smpp-client-options.interface.js';
import { InMemoryCorrelator } from '../../lib/correlation/in-memory-correlator.js';
import { NazMetrics } from '../../lib/nest/metrics/naz-metrics.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import type { SmscSimulatorOptions } from '../../lib/simulator/simulator-options.interface.js';
import { CapturingLogger, startClient, startSimulator, until } from './client-test-helpers.js';

let sim: SmscSimulator | undefined;
let client: SmppClient | undefined;

afterEach(async () => {
  await client?.stop({ drainTimeoutMs: 100 });
  await sim?.stop();
  client = sim = undefined;
});

/** Keeps info and above only: a debug line per PDU would cost more than the traffic under test. */
class WarningsLogger extends CapturingLogger {
  override debug(): void {}
  override isDebugEnabled(): boolean {
    return false;
  }
}

/** What a run saw: each message's ids from 'submitted', each receipt event. */
interface Run {
  client: SmppClient;
  logger: WarningsLogger;
  messageIds: Map<string, string>;
  receipts: DeliveryReceiptEvent[];
}

async function run(
  count: number,
  simOptions: SmscSimulatorOptions,
  clientOptions: Partial<SmppClientOptions>,
): Promise<Run> {
  sim = await startSimulator(simOptions);
  const logger = new WarningsLogger();
  client = await startClient(sim, clientOptions, { logger, correlator: new InMemoryCorrelator() });
  const c = client;
  const messageIds = new Map<string, string>();
  const receipts: DeliveryReceiptEvent[] = [];
  c.on('submitted', (e) => messageIds.set(e.correlationId, e.messageIds[0]));
  c.on('deliveryReceipt', (e) => receipts.push(e));
  for (let i = 0; i < count; i++) await c.send({ to: '447700900123', text: `m${i}`, correlationId: `c${i}` });
  return { client: c, logger, messageIds, receipts };
}

/** Every receipt carries the correlationId of the message whose id it reports. */
function expectAllCorrelated(r: Run, count: number): void {
  expect(r.messageIds.size).toBe(count);
  const byMessageId = new Map([...r.messageIds].map(([correlationId, id]) => [id, correlationId]));
  const wrong = r.receipts.filter((e) => e.correlationId !== byMessageId.get(e.receipt.messageId));
  expect(wrong.map((e) => ({ id: e.receipt.messageId, got: e.correlationId }))).toEqual([]);
  expect(new Set(r.receipts.map((e) => e.correlationId)).size).toBe(count);
  expect(r.client.stats()).toMatchObject({
    accepted: count,
    receipts: count,
    receiptsCorrelated: count,
    receiptsUncorrelated: 0,
    receiptsHeld: 0,
  });
  expect(r.logger.lines.filter((l) => l.includes('without correlationId'))).toEqual([]);
}

describe('early receipts: a receipt that arrives before its submit_sm_resp', () => {
  it('20,000 messages, every receipt before its response: 100% correlated', async () => {
    const N = 20_000;
    // Each receipt is written before its response, which follows 0-3 ms later.
    const r = await run(
      N,
      { faults: { receiptBeforeResponse: { min: 0, max: 3 } } },
      { windowSize: 100, responseTimeoutMs: 10_000 },
    );
    await until(
      () => r.client.stats().receipts === N && r.client.stats().receiptsHeld === 0,
      60_000,
      'every receipt reported',
      () => r.client.stats(),
    );
    expectAllCorrelated(r, N);
    // They really were early: every one was held, and said how long it waited.
    expect(r.client.stats().receiptsEarly).toBe(N);
    expect(r.receipts.every((e) => e.heldMs !== undefined && e.heldMs >= 0)).toBe(true);
  }, 90_000);

  it('window 50, responses after 5-50 ms, receipts after about 100 ms (0-200): none uncorrelated', async () => {
    const N = 5_000;
    // A receipt due in 0-200 ms overtakes a response due in 5-50 ms about one time in seven.
    const r = await run(
      N,
      { receipts: { delayMs: { min: 0, max: 200 } }, faults: { responseDelayMs: { min: 5, max: 50 } } },
      { windowSize: 50, responseTimeoutMs: 10_000 },
    );
    await until(
      () => r.client.stats().receipts === N && r.client.stats().receiptsHeld === 0,
      60_000,
      'every receipt reported',
      () => r.client.stats(),
    );
    expectAllCorrelated(r, N);
    expect(r.client.stats().receiptsEarly).toBeGreaterThan(N / 20);
  }, 90_000);

  it('receipts at 200 ms, responses at 3 s: all correlated, each held until its response', async () => {
    const N = 100;
    const r = await run(
      N,
      { receipts: { delayMs: 200 }, faults: { responseDelayMs: 3_000 } },
      // The bind response is delayed too.
      { windowSize: N, responseTimeoutMs: 15_000, bindTimeoutMs: 10_000 },
    );
    await until(
      () => r.client.stats().receipts === N && r.client.stats().receiptsHeld === 0,
      30_000,
      'every receipt reported',
      () => r.client.stats(),
    );
    expectAllCorrelated(r, N);
    expect(r.client.stats().receiptsEarly).toBe(N);
    // Held from ~200 ms to ~3 s: the hold, not luck, correlated them.
    expect(Math.min(...r.receipts.map((e) => e.heldMs ?? 0))).toBeGreaterThan(1_000);
  }, 60_000);

  it('answers the deliver_sm at once while the receipt waits', async () => {
    const r = await run(
      10,
      { faults: { receiptBeforeResponse: 4_000 } },
      { windowSize: 10, responseTimeoutMs: 10_000 },
    );
    const s = sim!;
    // Every deliver_sm_resp is back long before the submit responses are due.
    await until(
      () => (s.stats().received.deliver_sm_resp ?? 0) === 10,
      3_000,
      'ten deliver_sm_resp',
      () => [s.stats(), r.client.stats()],
    );
    expect(r.client.stats()).toMatchObject({ receiptsHeld: 10, accepted: 0 });
    expect(r.receipts).toEqual([]);
    await until(
      () => r.receipts.length === 10,
      10_000,
      'ten receipts',
      () => r.client.stats(),
    );
    expectAllCorrelated(r, 10);
  }, 30_000);

  it('reports a receipt whose response never comes in time uncorrelated: warning, stats and Prometheus counter', async () => {
    sim = await startSimulator({ faults: { receiptBeforeResponse: 3_000 } });
    const logger = new CapturingLogger();
    client = await startClient(
      sim,
      { windowSize: 10, responseTimeoutMs: 10_000, correlation: { earlyReceiptHoldMs: 200 } },
      { logger },
    );
    const registry = new Registry();
    const metrics = (await NazMetrics.create({ registry }, client.name, logger))!;
    metrics.attach(client);
    const receipts: DeliveryReceiptEvent[] = [];
    const warnings: string[] = [];
    client.on('deliveryReceipt', (e) => receipts.push(e));
    client.on('warning', (w) => warnings.push(w.message));
    const sentAt = Date.now();
    for (let i = 0; i < 3; i++)
      await client.send({ to: '447700900123', text: `m${i}`, correlationId: `c${i}` });
    const c = client;
    await until(
      () => receipts.length === 3,
      5_000,
      'three receipts',
      () => c.stats(),
    );
    // Reported when the 200 ms hold ran out, well before the responses (3 s): without correlationId.
    expect(Date.now() - sentAt).toBeLessThan(3_000);
    expect(receipts.map((e) => e.correlationId)).toEqual([undefined, undefined, undefined]);
    expect(receipts.every((e) => (e.heldMs ?? 0) >= 200)).toBe(true);
    expect(c.stats()).toMatchObject({
      receipts: 3,
      receiptsEarly: 3,
      receiptsUncorrelated: 3,
      receiptsCorrelated: 0,
    });
    expect(warnings.some((m) => /reported without correlationId: no submit_sm_resp stored/.test(m))).toBe(
      true,
    );
    // The first release is reported at once; receipts whose hold ran out later in the same second (when the
    // machine spread the three arrivals) are reported together when it ends. Together the lines name all three.
    const lines = (): Array<{ count: number; messageIds: string[] }> =>
      logger.lines
        .filter((l) => l.includes('reported without correlationId'))
        .map((l) => JSON.parse(l) as { count: number; messageIds: string[] });
    await until(
      () => lines().reduce((sum, entry) => sum + entry.count, 0) === 3,
      3_000,
      'warnings covering three receipts',
      () => lines(),
    );
    for (const entry of lines())
      expect(entry).toMatchObject({ level: 'warn', reason: 'expired', earlyReceiptHoldMs: 200 });
    expect(lines().flatMap((entry) => entry.messageIds)).toHaveLength(3);
    expect(await registry.metrics()).toContain(`naz_receipts_uncorrelated_total{client="${c.name}"} 3`);
    // The messages themselves still end accepted when their responses arrive.
    await until(
      () => c.stats().accepted === 3,
      8_000,
      'three accepted',
      () => c.stats(),
    );
    metrics.detach();
  }, 30_000);

  it('holds at most maxEarlyReceipts: the oldest leave uncorrelated at once, the rest are correlated', async () => {
    sim = await startSimulator({ faults: { receiptBeforeResponse: 3_000 } });
    const logger = new CapturingLogger();
    client = await startClient(
      sim,
      { windowSize: 20, responseTimeoutMs: 10_000, correlation: { maxEarlyReceipts: 5 } },
      { logger },
    );
    const c = client;
    const receipts: DeliveryReceiptEvent[] = [];
    c.on('deliveryReceipt', (e) => receipts.push(e));
    for (let i = 0; i < 20; i++) await c.send({ to: '447700900123', text: `m${i}`, correlationId: `c${i}` });
    await until(
      () => receipts.length === 15,
      2_500,
      '15 overflowed receipts',
      () => c.stats(),
    );
    expect(c.stats()).toMatchObject({ receiptsHeld: 5, receiptsUncorrelated: 15 });
    // Each overflow releases one receipt, but the warnings are one line a second at most, with the count: a
    // flood of foreign receipts must not become a line per receipt.
    const overflowLines = (): Array<{ count: number; messageIds: string[] }> =>
      logger.lines
        .filter((l) => l.includes('correlation.maxEarlyReceipts receipts were already held'))
        .map((l) => JSON.parse(l) as { count: number; messageIds: string[] });
    expect(overflowLines().length).toBeGreaterThanOrEqual(1);
    await until(
      () => overflowLines().reduce((sum, entry) => sum + entry.count, 0) === 15,
      3_000,
      'warnings covering 15 overflowed receipts',
      () => overflowLines(),
    );
    expect(overflowLines().length).toBeLessThan(15);
    await until(
      () => receipts.length === 20,
      8_000,
      'all receipts',
      () => c.stats(),
    );
    expect(receipts.filter((e) => e.correlationId !== undefined)).toHaveLength(5);
    expect(c.stats()).toMatchObject({ receiptsCorrelated: 5, receiptsUncorrelated: 15, receiptsHeld: 0 });
  }, 30_000);

  it('reports every receipt still held when the client stops, never drops one', async () => {
    sim = await startSimulator({ faults: { receiptBeforeResponse: 5_000 } });
    const logger = new CapturingLogger();
    client = await startClient(sim, { windowSize: 5, responseTimeoutMs: 10_000 }, { logger });
    const c = client;
    const receipts: DeliveryReceiptEvent[] = [];
    c.on('deliveryReceipt', (e) => receipts.push(e));
    for (let i = 0; i < 5; i++) await c.send({ to: '447700900123', text: `m${i}`, correlationId: `c${i}` });
    await until(
      () => c.stats().receiptsHeld === 5,
      5_000,
      'five held receipts',
      () => c.stats(),
    );
    await c.stop({ drainTimeoutMs: 100 });
    expect(receipts).toHaveLength(5);
    expect(c.stats()).toMatchObject({ receiptsHeld: 0, receiptsUncorrelated: 5 });
    expect(
      logger.lines.some((l) => l.includes('the client stopped before their message id was stored')),
    ).toBe(true);
  }, 30_000);

  it('with earlyReceiptHoldMs 0, reports a receipt for an unknown id at once, counted uncorrelated', async () => {
    const r = await run(
      3,
      { faults: { receiptBeforeResponse: 3_000 } },
      { windowSize: 3, responseTimeoutMs: 10_000, correlation: { earlyReceiptHoldMs: 0 } },
    );
    await until(
      () => r.receipts.length === 3,
      2_500,
      'three receipts at once',
      () => r.client.stats(),
    );
    expect(r.client.stats()).toMatchObject({ receiptsEarly: 0, receiptsUncorrelated: 3 });
  }, 30_000);
});
