import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { InMemoryMessageLedger } from '../ledger/in-memory-message-ledger.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import type { DeliveryReceipt } from '../protocol/receipt/delivery-receipt.interface.js';
import { ClientLedgerRecorder } from './record-client-in-ledger.js';

const IDS = ['a', 'b', 'c', 'd'];

/** What the client does to a message: queue it, submit a part, have it accepted, or get a receipt. */
type Step =
  | { op: 'queued' | 'submitted'; id: number; copy: boolean }
  | { op: 'submit'; id: number; copy: boolean; part: number }
  | { op: 'receipt'; id: number; copy: boolean; errorCode: string | undefined; final: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('queued' as const, 'submitted' as const),
    id: fc.nat(3),
    copy: fc.boolean(),
  }),
  fc.record({ op: fc.constant('submit' as const), id: fc.nat(3), copy: fc.boolean(), part: fc.nat(2) }),
  fc.record({
    op: fc.constant('receipt' as const),
    id: fc.nat(3),
    copy: fc.boolean(),
    // Three digits are kept as a number; anything else as the string.
    errorCode: fc.constantFrom(undefined, '000', '069', '999', '0', '0000', '0a1', '/00', ':00'),
    final: fc.boolean(),
  }),
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

function receiptOf(messageId: string, final: boolean, errorCode: string | undefined): DeliveryReceipt {
  const receipt: DeliveryReceipt = {
    messageId,
    state: final ? 'DELIVRD' : 'ENROUTE',
    messageState: final ? 2 : 1,
    final,
    intermediate: false,
    fields: {},
    raw: '',
  };
  if (errorCode !== undefined) receipt.errorCode = errorCode;
  return receipt;
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
          for (const r of recorders) {
            // The copy is made once per step, so both recorders see the same object.
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
              case 'receipt': {
                // The correlator's entry for the message's part: it carries the handle of the message object
                // it was made from (none from a copy, as one read back from Redis has none).
                const entry: CorrelationEntry = {
                  messageId: `m-${correlationId}`,
                  correlationId,
                  partIndex: 0,
                  partCount: 1,
                  submittedAt: Date.now(),
                };
                r.correlating(entry, message);
                r.receipt(entry, receiptOf(entry.messageId, s.final, s.errorCode));
              }
            }
          }
        }
        for (const id of IDS) expect(await direct.getMessage(id)).toEqual(await byId.getMessage(id));
      }),
      { numRuns: 300 },
    );
  });
});
