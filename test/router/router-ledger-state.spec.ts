import { describe, it, expect } from '@jest/globals';
import { applyLedgerEntry, newLedgerState, toMessageSummary } from '../../lib/ledger/ledger-state.js';
import type { LedgerEntry } from '../../lib/ledger/message-ledger.interface.js';

/** A routed message's entries as two clients and the router record them: a throttled attempt on a, then b. */
const ENTRIES: LedgerEntry[] = [
  { type: 'submit', correlationId: 'm', at: 1, client: 'a', to: '447700900001', receiptRequested: false },
  {
    type: 'failover',
    correlationId: 'm',
    at: 2,
    route: '44',
    from: 'a',
    to: 'b',
    reason: 'status',
    status: 'ESME_RTHROTTLED',
    mayDuplicate: false,
  },
  { type: 'submit', correlationId: 'm', at: 3, client: 'b', to: '447700900001', receiptRequested: false },
  { type: 'submitted', correlationId: 'm', at: 4, attempt: 1, messageIds: ['b-1'] },
  { type: 'routed', correlationId: 'm', at: 4, route: '44', client: 'b', attempts: 2, messageIds: ['b-1'] },
];

function fold(entries: readonly LedgerEntry[]) {
  const state = newLedgerState('m', entries[0]!.at);
  for (const entry of entries) applyLedgerEntry(state, entry);
  return toMessageSummary(state);
}

describe('router entries in the ledger state', () => {
  it('names the client that handled the message, not the first one tried', () => {
    expect(fold(ENTRIES)).toMatchObject({
      client: 'b',
      status: 'submitted',
      final: true,
      attempts: 2,
      messageIds: ['b-1'],
    });
  });

  it('converges to the same state whatever order the entries arrive in (replicas)', () => {
    const expected = fold(ENTRIES);
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 4, 0, 3, 1],
      [1, 0, 4, 2, 3],
    ]) {
      const summary = fold(order.map((i) => ENTRIES[i]!));
      expect(summary).toMatchObject({
        client: expected.client,
        status: expected.status,
        final: expected.final,
        attempts: expected.attempts,
        messageIds: expected.messageIds,
      });
    }
  });

  it('keeps a message between failovers in progress (retrying), not failed', () => {
    expect(fold(ENTRIES.slice(0, 2))).toMatchObject({ status: 'retrying', final: false, client: 'a' });
  });

  it('finishes a routed message on its own when the clients record nothing (the router given a ledger)', () => {
    expect(fold([ENTRIES[1]!, ENTRIES[4]!])).toMatchObject({
      client: 'b',
      status: 'submitted',
      final: true,
      attempts: 2,
    });
  });
});
