import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { InMemoryMessageLedger } from '../ledger/in-memory-message-ledger.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import { ClientLedgerRecorder } from './record-client-in-ledger.js';

const IDS = ['a', 'b', 'c', 'd'];

/** What the client does to a message: queue it, submit a part, have it accepted, or get a receipt. */
type Step =
  | { op: 'queued' | 'submitted' | 'receipt'; id: number; copy: boolean }
  | { op: 'submit'; id: number; copy: boolean; part: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('queued' as const, 'submitted' as const, 'receipt' as const),
    id: fc.nat(3),
    copy: fc.boolean(),
  }),
  fc.record({ op: fc.constant('submit' as const), id: fc.nat(3), copy: fc.boolean(), part: fc.nat(2) }),
);

/** The same ledger without its direct writer: the recorder then builds entries and calls `record()`. */
function throughRecord(inner: InMemoryMessageLedger): MessageLedger {
  return {
    copiesEntries: true,
    record: (entry) => inner.record(entry),
    getMessage: (id) => inner.getMessage(id),
    findMessages: (query) => inner.findMessages(query),
    flush: () => inner.flush(),
    stats: () => inner.stats(),
  };
}

describe('ClientLedgerRecorder with a direct writer (properties)', () => {
  // One frozen clock: each recorder reads its own, and events of the same time keep the order recorded.
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_700_000_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives the histories that recording every fact by its correlation id gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const direct = new InMemoryMessageLedger();
        const byId = new InMemoryMessageLedger();
        const recorders = [
          new ClientLedgerRecorder(direct, 'c'),
          new ClientLedgerRecorder(throughRecord(byId), 'c'),
        ];
        // One message object per id (its handle rides on it), and copies without one (a durable queue's).
        const messages = IDS.map((correlationId): QueuedMessage => ({
          correlationId,
          to: '447700900123',
          text: 'x',
          metadata: { id: correlationId },
        }));
        for (const s of steps) {
          // A copy as a durable queue gives it back: the fields, without the handle.
          const message: QueuedMessage = s.copy
            ? (JSON.parse(JSON.stringify(messages[s.id])) as QueuedMessage)
            : messages[s.id]!;
          const correlationId = message.correlationId;
          for (const [i, r] of recorders.entries()) {
            // The copy is made once per step, so both recorders see the same object.
            const ledger = i === 0 ? direct : byId;
            switch (s.op) {
              case 'queued':
                r.queued(message);
                break;
              case 'submit':
                r.submit(
                  {
                    command: 'submit_sm',
                    destination_addr: '447700900123',
                    source_addr: 'NAZ',
                    registered_delivery: 1,
                  },
                  message,
                );
                break;
              case 'submitted':
                r.submitted(message, [`m-${correlationId}`], 1);
                break;
              case 'receipt':
                ledger.record({
                  type: 'receipt',
                  correlationId,
                  at: Date.now(),
                  messageId: `m-${correlationId}`,
                  state: 'DELIVRD',
                  final: true,
                  part: 0,
                  parts: 1,
                });
            }
          }
        }
        for (const id of IDS) expect(await direct.getMessage(id)).toEqual(await byId.getMessage(id));
      }),
      { numRuns: 300 },
    );
  });
});
