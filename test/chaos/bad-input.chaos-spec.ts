import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { InvalidMessageError } from '../../lib/client/errors/invalid-message.error.js';
import type { OutboundMessage } from '../../lib/message/outbound-message.interface.js';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import type { FailedEvent } from '../../lib/client/client-events.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import type { CapturingLogger } from './support/capturing-logger.js';
import { startChaosClient, startChaosSimulator } from './support/chaos-fixtures.js';
import { ENCODER_CAUGHT_MESSAGES, INVALID_MESSAGES } from './support/invalid-messages.js';

/** Words a message may use for a field instead of its SMPP name (the OutboundMessage property). */
const ALIASES: Record<string, string[]> = {
  short_message: ['text', 'bytes'],
  destination_addr: ['message.to'],
  message: ['message'],
};

function messageNamesField(message: string, field: string): boolean {
  return [field, ...(ALIASES[field] ?? [])].some((name) => message.includes(name));
}

/** Calls `action` and returns what it threw (fails the test when it resolves). */
async function rejection(action: () => Promise<unknown>): Promise<Error & { field?: string; rule?: string }> {
  try {
    await action();
  } catch (error) {
    return error as Error & { field?: string; rule?: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

describe('chaos: bad input from the application', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  let logger: CapturingLogger;
  const failed: FailedEvent[] = [];

  beforeAll(async () => {
    sim = await startChaosSimulator();
    ({ client, logger } = await startChaosClient(sim.port));
    client.on('failed', (e) => failed.push(e));
    await client.waitUntilBound(5000);
  });

  afterAll(async () => {
    await client?.stop({ drainTimeoutMs: 200 });
    await sim?.stop();
  });

  it(`has at least 30 invalid messages in its table (${INVALID_MESSAGES.length})`, () => {
    expect(INVALID_MESSAGES.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(['send', 'submit'] as const)(
    '%s() rejects with InvalidMessageError naming the field',
    (method) => {
      it.each(INVALID_MESSAGES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const error = await rejection(() => client[method](c.message as OutboundMessage));
        logger.witness.check('error', error);
        expect(error).toBeInstanceOf(InvalidMessageError);
        expect(error.field).toBe(c.field);
        expect(typeof error.rule).toBe('string');
        if (!c.messageLacksField) expect(messageNamesField(error.message, c.field)).toBe(true);
      });
    },
  );

  it('lets none of them reach the wire or the queue', async () => {
    // An enquire_link round trip proves the link is live and the SMSC has read everything written before it.
    await client.submit({ to: '447700900123', text: 'the one valid message' });
    const stats = sim.stats();
    expect(stats.received.submit_sm).toBe(1);
    expect(client.stats().queueDepth).toBe(0);
    expect(client.stats().submitted + client.stats().accepted).toBeLessThanOrEqual(2);
  });

  describe('rules the encoder owns (C-Octet characters, TLVs), checked at send() and submit()', () => {
    it.each(ENCODER_CAUGHT_MESSAGES.map((c) => [c.name, c] as const))(
      'send() and submit() reject %s with InvalidMessageError naming the field; nothing is sent',
      async (_name, c) => {
        const before = sim.stats().received.submit_sm ?? 0;
        for (const action of [
          () => client.send(c.message as OutboundMessage),
          () => client.submit(c.message as OutboundMessage),
        ]) {
          const error = await rejection(action);
          logger.witness.check('error', error);
          expect(error).toBeInstanceOf(InvalidMessageError);
          expect(error.field).toBe(c.field);
          expect(error.message).toContain(c.field);
        }
        expect(sim.stats().received.submit_sm ?? 0).toBe(before);
      },
    );
  });

  it('blames binary bytes over maxParts on "bytes", not "text"', async () => {
    const error = await rejection(() => client.send({ to: '447700900123', bytes: Buffer.alloc(1400) }));
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect(error.field).toBe('bytes');
  });

  it.each(INVALID_MESSAGES.filter((c) => c.messageLacksField).map((c) => [c.name, c] as const))(
    'names the field in the message of %s (codec sentences are prefixed with it)',
    async (_name, c) => {
      const error = await rejection(() => client.send(c.message as OutboundMessage));
      expect(messageNamesField(error.message, c.field)).toBe(true);
    },
  );

  it('puts the password in none of the errors or log lines', () => {
    logger.witness.check('stats', client.stats());
    expect(logger.witness.checked).toBeGreaterThan(2 * INVALID_MESSAGES.length);
    expect(logger.witness.leaks).toEqual([]);
  });
});
