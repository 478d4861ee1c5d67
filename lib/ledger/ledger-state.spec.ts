import { describe, expect, it } from '@jest/globals';
import { applyLedgerEntry, newLedgerState, toMessageSummary } from './ledger-state.js';
import type { LedgerEntry } from './message-ledger.interface.js';

const id = 'order-42';

function fold(entries: LedgerEntry[]) {
  const state = newLedgerState(id, entries[0]!.at);
  for (const entry of entries) applyLedgerEntry(state, entry);
  return toMessageSummary(state);
}

const queued: LedgerEntry = {
  type: 'queued',
  correlationId: id,
  at: 1_000,
  client: 'default',
  to: '447700900123',
};
const submit = (part: number, at = 1_010): LedgerEntry => ({
  type: 'submit',
  correlationId: id,
  at,
  client: 'default',
  to: '447700900123',
  part,
  parts: 2,
  receiptRequested: true,
});
const submitted: LedgerEntry = {
  type: 'submitted',
  correlationId: id,
  at: 1_050,
  attempt: 1,
  messageIds: ['a', 'b'],
};
const receipt = (part: number, state: 'DELIVRD' | 'UNDELIV' | 'ENROUTE', at: number): LedgerEntry => ({
  type: 'receipt',
  correlationId: id,
  at,
  messageId: part === 0 ? 'a' : 'b',
  state,
  final: state !== 'ENROUTE',
  part,
  parts: 2,
  ...(state === 'UNDELIV' ? { errorCode: '005' } : {}),
});

describe('the ledger state of one message', () => {
  it('is delivered, final, once every part of a long message has a DELIVRD receipt', () => {
    const one = fold([queued, submit(0), submit(1), submitted, receipt(0, 'DELIVRD', 2_000)]);
    expect(one).toMatchObject({ status: 'submitted', final: false });
    const both = fold([
      queued,
      submit(0),
      submit(1),
      submitted,
      receipt(0, 'DELIVRD', 2_000),
      receipt(1, 'DELIVRD', 2_100),
    ]);
    expect(both).toMatchObject({ status: 'delivered', final: true, messageIds: ['a', 'b'], attempts: 1 });
    expect(both.finalAt).toEqual(new Date(2_100));
    expect(both.receipts.map((r) => [r.part, r.state])).toEqual([
      [0, 'DELIVRD'],
      [1, 'DELIVRD'],
    ]);
  });

  it('reaches the same state whatever order the entries arrive in (a receipt before the submit result)', () => {
    const entries = [
      queued,
      submit(0),
      submit(1),
      submitted,
      receipt(1, 'UNDELIV', 1_900),
      receipt(0, 'DELIVRD', 2_000),
    ];
    const inOrder = fold(entries);
    const shuffled = fold([entries[4]!, entries[5]!, entries[3]!, entries[1]!, entries[0]!, entries[2]!]);
    expect(shuffled).toEqual(inOrder);
    expect(inOrder).toMatchObject({
      status: 'undeliverable',
      final: true,
      reason: 'UNDELIV (err:005) on part 2/2',
    });
  });

  it('ignores intermediate receipts for the verdict', () => {
    expect(fold([queued, submit(0), submit(1), submitted, receipt(0, 'ENROUTE', 1_500)])).toMatchObject({
      status: 'submitted',
      final: false,
      receipts: [],
    });
  });

  it('is final at submitted when no receipt on success was asked for', () => {
    const noReceipt: LedgerEntry = {
      ...(submit(0) as Extract<LedgerEntry, { type: 'submit' }>),
      receiptRequested: false,
    };
    expect(fold([queued, noReceipt, { ...submitted, messageIds: ['a'] } as LedgerEntry])).toMatchObject({
      status: 'submitted',
      final: true,
    });
  });

  it('counts retries as attempts and keeps the reason of a failure for good', () => {
    const state = fold([
      queued,
      submit(0),
      {
        type: 'retry',
        correlationId: id,
        at: 1_100,
        attempt: 1,
        reason: 'ResponseTimeoutError',
        delayMs: 500,
      },
      submit(0, 1_600),
      {
        type: 'failed',
        correlationId: id,
        at: 1_700,
        attempt: 2,
        reason: 'ESME_RINVDSTADR',
        commandStatus: 0x0b,
      },
    ]);
    expect(state).toMatchObject({ status: 'failed', final: true, reason: 'ESME_RINVDSTADR', attempts: 2 });
  });

  it('never steps back to an earlier status on a late event of an earlier stage', () => {
    const late = fold([queued, submit(0), submitted, { ...queued, at: 3_000 }]);
    expect(late.status).toBe('submitted');
    expect(late.updatedAt).toEqual(new Date(3_000));
  });
});
