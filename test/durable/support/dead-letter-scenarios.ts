import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FailedEvent, SubmittedEvent } from '../../../lib/client/client-events.interface.js';
import { SmppClient } from '../../../lib/client/smpp-client.js';
import type { OutboundQueue } from '../../../lib/queue/outbound-queue.interface.js';
import { CapturingLogger, clientOptions, until } from '../../client/client-test-helpers.js';
import { startVerdictSmsc, type VerdictSmsc } from './verdict-smsc.js';

/** A durable queue as the dead-letter scenarios see it. */
export type DurableQueue = OutboundQueue & { connect(): Promise<void>; close(): Promise<void> };

/** One dead letter as the broker stores it. */
export interface StoredDeadLetter {
  reason: string;
  /** The stored payload, byte for byte (UTF-8). */
  payload: string;
}

/** How the scenarios reach one broker: each call of `queue` opens a queue under a new name. */
export interface DeadLetterBroker<Q extends DurableQueue> {
  name: string;
  queue(options: { deadLetterRejected?: boolean }): Q;
  /** Puts an item into the queue as another producer would, bypassing this library's serializer. */
  putRaw(queue: Q, payload: string): Promise<void>;
  /** Every dead letter of the queue, oldest first. */
  deadLetters(queue: Q): Promise<StoredDeadLetter[]>;
  /** Items left in the queue (waiting or unacknowledged), read once the consumer is closed. */
  remaining(queue: Q): Promise<number>;
}

const envelope = (fields: Record<string, unknown>): string => JSON.stringify({ v: 1, ...fields });

/**
 * Registers, for one broker, the rows of the table "what happens to a message that …" (README, QUEUE-FORMAT.md)
 * that concern dead letters, each through a real client against a real SMSC (node-smpp's server).
 */
export function describeDeadLetters<Q extends DurableQueue>(broker: DeadLetterBroker<Q>): void {
  describe(`${broker.name}: what happens to a message that …`, () => {
    let smsc: VerdictSmsc;
    beforeAll(async () => {
      smsc = await startVerdictSmsc();
    });
    afterAll(async () => {
      await smsc?.stop();
    });

    /** Puts `payloads` in a new queue, runs a client until each has one outcome, and stops it. */
    async function run(payloads: string[], options: { deadLetterRejected?: boolean } = {}) {
      const queue = broker.queue(options);
      await queue.connect();
      for (const payload of payloads) await broker.putRaw(queue, payload);
      const logger = new CapturingLogger();
      const client = new SmppClient(
        clientOptions(smsc, {
          logLevel: 'warn',
          retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
        }),
        { queue, logger },
      );
      const failed: FailedEvent[] = [];
      const submitted: SubmittedEvent[] = [];
      client.on('failed', (event) => failed.push(event));
      client.on('submitted', (event) => submitted.push(event));
      await client.start();
      try {
        await until(
          () => failed.length + submitted.length >= payloads.length,
          30_000,
          'one outcome per message',
          () => ({
            failed: failed.map((f) => f.correlationId),
            submitted: submitted.map((s) => s.correlationId),
          }),
        );
      } finally {
        await client.stop({ drainTimeoutMs: 2_000 });
        await queue.close();
      }
      const failedLines = logger.lines
        .map((line) => JSON.parse(line) as { message: string; correlationId?: string; reason?: string })
        .filter((line) => line.message === 'message failed');
      return { queue, failed, submitted, failedLines };
    }

    it('cannot be sent as it stands: dead-lettered with the error naming field and rule and its original payload, reported failed', async () => {
      const valid = envelope({ correlationId: 'fine', to: '254700000001', text: 'hello' });
      const longDestination = envelope({ correlationId: 'long-to', to: '2'.repeat(25), text: 'hi' });
      // 153 GSM characters per part with an 8-bit UDH: 13 × 153 + 1 needs 14 parts, over defaults.maxParts 10.
      const fourteenParts = envelope({
        correlationId: '14-parts',
        to: '254700000002',
        text: 'x'.repeat(13 * 153 + 1),
      });
      const notJson = '{"v":1,"correlationId":"cut-off","to":"2547';
      const version2 = JSON.stringify({ v: 2, correlationId: 'v2', to: '254700000003', text: 'hi' });
      const noText = envelope({ correlationId: 'no-text', to: '254700000004' });
      const payloads = [valid, longDestination, fourteenParts, notJson, version2, noText];
      const { queue, failed, submitted, failedLines } = await run(payloads);

      expect(submitted.map((s) => s.correlationId)).toEqual(['fine']);
      expect(failed).toHaveLength(5);
      const byId = new Map(failed.map((f) => [f.correlationId, f]));
      expect(byId.get('long-to')).toMatchObject({
        reason: 'InvalidMessageError',
        error: { field: 'destination_addr' },
      });
      expect(byId.get('14-parts')).toMatchObject({
        reason: 'InvalidMessageError',
        error: { field: 'text', rule: 'max-parts' },
      });
      expect(byId.get('v2')).toMatchObject({ reason: 'QueueMessageFormatError', error: { field: 'v' } });
      expect(byId.get('no-text')).toMatchObject({
        reason: 'QueueMessageFormatError',
        error: { field: 'text' },
      });
      // The item that is not JSON has no readable correlationId: the broker's id of it names it.
      expect(
        failed.filter((f) => !['long-to', '14-parts', 'v2', 'no-text'].includes(f.correlationId)),
      ).toEqual([
        expect.objectContaining({
          reason: 'QueueMessageFormatError',
          error: expect.objectContaining({ field: '$' }),
        }),
      ]);
      expect(failedLines.map((line) => line.correlationId).sort()).toEqual(
        failed.map((f) => f.correlationId).sort(),
      );

      const dead = await broker.deadLetters(queue);
      const reasonOf = (payload: string): string | undefined =>
        dead.find((d) => d.payload === payload)?.reason;
      expect(dead).toHaveLength(5);
      expect(reasonOf(longDestination)).toMatch(/^InvalidMessageError: destination_addr .*25.*20/);
      expect(reasonOf(fourteenParts)).toMatch(/^InvalidMessageError: .*needs 14 parts; at most 10/);
      expect(reasonOf(notJson)).toMatch(/^QueueMessageFormatError: queue item \$ must be JSON/);
      expect(reasonOf(version2)).toMatch(/^QueueMessageFormatError: queue item v must be 1/);
      expect(reasonOf(noText)).toMatch(/^QueueMessageFormatError: queue item text or bytes must be present/);
      expect(smsc.accepted.filter((to) => to !== '254700000001')).toEqual([]);
      expect(await broker.remaining(queue)).toBe(0);
    }, 60_000);

    it('is rejected permanently by the SMSC: reported failed and acknowledged, not dead-lettered (default)', async () => {
      const rejected = envelope({ correlationId: 'bad-route', to: '000', text: 'hi' });
      const { queue, failed } = await run([rejected]);
      expect(failed).toEqual([
        expect.objectContaining({
          correlationId: 'bad-route',
          reason: 'ESME_RINVDSTADR',
          commandStatus: 0x0b,
        }),
      ]);
      expect(await broker.deadLetters(queue)).toEqual([]);
      expect(await broker.remaining(queue)).toBe(0);
    }, 60_000);

    it('is rejected permanently, with deadLetterRejected: true: also dead-lettered with the rejection and its payload', async () => {
      const rejected = envelope({ correlationId: 'bad-route-kept', to: '000', text: 'hi' });
      const { queue, failed } = await run([rejected], { deadLetterRejected: true });
      expect(failed).toEqual([
        expect.objectContaining({ correlationId: 'bad-route-kept', reason: 'ESME_RINVDSTADR' }),
      ]);
      expect(await broker.deadLetters(queue)).toEqual([
        { reason: 'submit_sm rejected: ESME_RINVDSTADR (0x0000000B)', payload: rejected },
      ]);
      expect(await broker.remaining(queue)).toBe(0);
    }, 60_000);

    it('fails transiently past the retry limit: reported failed and dead-lettered with the last status', async () => {
      const transient = envelope({ correlationId: 'sys-err', to: '008', text: 'hi' });
      const before = smsc.refused.get('008') ?? 0;
      const { queue, failed } = await run([transient]);
      expect(failed).toEqual([
        expect.objectContaining({ correlationId: 'sys-err', reason: 'ESME_RSYSERR', attempts: 2 }),
      ]);
      expect((smsc.refused.get('008') ?? 0) - before).toBe(2);
      const dead = await broker.deadLetters(queue);
      expect(dead).toHaveLength(1);
      expect(dead[0].reason).toBe('ESME_RSYSERR');
      expect(JSON.parse(dead[0].payload)).toMatchObject({ v: 1, correlationId: 'sys-err', to: '008' });
      expect(await broker.remaining(queue)).toBe(0);
    }, 60_000);
  });
}
