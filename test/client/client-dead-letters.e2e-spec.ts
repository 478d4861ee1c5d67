import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FailedEvent } from '../../lib/client/client-events.interface.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

describe('the in-memory queue: a message that cannot be sent as it stands', () => {
  let sim: SmscSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('enqueued past send() (another producer), is reported failed and kept as a dead letter with the error naming field and rule', async () => {
    const queue = new InMemoryOutboundQueue();
    const client = await startClient(sim, {}, { queue });
    const failed: FailedEvent[] = [];
    client.on('failed', (event) => failed.push(event));
    try {
      await queue.enqueue({ correlationId: 'long-to', to: '2'.repeat(25), text: 'hi' });
      await until(() => failed.length === 1, 5_000, 'the failed event');
    } finally {
      await client.stop();
    }
    expect(failed[0]).toMatchObject({ correlationId: 'long-to', reason: 'InvalidMessageError' });
    expect(queue.deadLetters).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({ correlationId: 'long-to', to: '2'.repeat(25) }),
        reason: expect.stringMatching(/^InvalidMessageError: destination_addr .*25/),
        attempt: 1,
      }),
    ]);
    expect(sim.stats().submitsAccepted).toBe(0);
  });
});
