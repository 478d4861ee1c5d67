import { describe, expect, it } from '@jest/globals';
import type { LedgerEntry, MessageLedger } from '../ledger/message-ledger.interface.js';
import { ClientLedgerRecorder } from './record-client-in-ledger.js';

function ledger(copiesEntries: boolean): MessageLedger & { entries: LedgerEntry[]; copies: LedgerEntry[] } {
  const entries: LedgerEntry[] = [];
  const copies: LedgerEntry[] = [];
  return {
    copiesEntries,
    entries,
    copies,
    record: (entry) => {
      entries.push(entry);
      copies.push({ ...entry });
    },
    getMessage: () => Promise.resolve(undefined),
    findMessages: () => Promise.resolve([]),
    flush: () => Promise.resolve(),
    stats: () => ({ recorded: 0, written: 0, pending: 0, writeFailures: 0, dropped: 0, purged: 0 }),
  };
}

describe('ClientLedgerRecorder', () => {
  it('gives a ledger that keeps entries a new object per entry', () => {
    const l = ledger(false);
    const r = new ClientLedgerRecorder(l, 'c');
    r.queued({ correlationId: 'a', to: '111', text: 'x' });
    r.queued({ correlationId: 'b', to: '222', text: 'y' });
    r.submitted('a', ['m1'], 1);
    r.submitted('b', ['m2'], 2);
    expect(l.entries.map((e) => e.correlationId)).toEqual(['a', 'b', 'a', 'b']);
    expect(l.entries[0]).not.toBe(l.entries[1]);
    expect(l.entries[0]).toMatchObject({ type: 'queued', client: 'c', to: '111' });
    expect(l.entries[3]).toMatchObject({ type: 'submitted', attempt: 2, messageIds: ['m2'] });
  });

  it('reuses one entry per kind for a ledger that copies them, each holding the facts of its call', () => {
    const l = ledger(true);
    const r = new ClientLedgerRecorder(l, 'c');
    r.queued({ correlationId: 'a', to: '111', text: 'x', metadata: { order: 1 } });
    r.queued({ correlationId: 'b', to: '222', text: 'y' });
    expect(l.entries[0]).toBe(l.entries[1]);
    expect(l.copies[0]).toMatchObject({
      type: 'queued',
      correlationId: 'a',
      to: '111',
      metadata: { order: 1 },
    });
    // Absent fields of the later message are cleared, not carried over from the earlier one.
    expect(l.copies[1]).toMatchObject({ type: 'queued', correlationId: 'b', to: '222', metadata: undefined });
    expect(l.copies[1]).toMatchObject({ text: undefined });
  });

  it('records the part of a long message from its user data header, and whether a receipt was asked for', () => {
    const l = ledger(true);
    const r = new ClientLedgerRecorder(l, 'c');
    const udh = Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x03, 0x02]);
    r.submit(
      {
        command: 'submit_sm',
        destination_addr: '447700900123',
        source_addr: 'NAZ',
        esm_class: 0x40,
        registered_delivery: 1,
        short_message: Buffer.concat([udh, Buffer.from('part two')]),
      },
      'long',
    );
    expect(l.copies[0]).toMatchObject({
      type: 'submit',
      correlationId: 'long',
      to: '447700900123',
      from: 'NAZ',
      part: 1,
      parts: 3,
      receiptRequested: true,
    });
  });

  it('reads the clock once per event-loop turn', async () => {
    const l = ledger(false);
    const r = new ClientLedgerRecorder(l, 'c');
    r.queued({ correlationId: 'a', to: '1' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    r.queued({ correlationId: 'b', to: '1' });
    r.queued({ correlationId: 'c', to: '1' });
    const [a, b, c] = l.entries.map((e) => e.at);
    expect(b).toBeGreaterThan(a!);
    expect(c).toBe(b);
  });
});
