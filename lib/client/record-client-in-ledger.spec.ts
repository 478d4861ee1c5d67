import { describe, expect, it } from '@jest/globals';
import { InMemoryMessageLedger } from '../ledger/in-memory-message-ledger.js';
import type { LedgerEntry, MessageLedger } from '../ledger/message-ledger.interface.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import { EventEmitter } from 'node:events';
import { ClientLedgerRecorder, recordClientInLedger } from './record-client-in-ledger.js';

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
    r.submitted({ correlationId: 'a' }, ['m1'], 1);
    r.submitted({ correlationId: 'b' }, ['m2'], 2);
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
      { correlationId: 'long' },
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

  it('writes straight into a ledger with a direct writer, naming a queued message by its handle afterwards', async () => {
    const l = new InMemoryMessageLedger();
    const r = new ClientLedgerRecorder(l, 'c');
    const other = new ClientLedgerRecorder(new InMemoryMessageLedger(), 'd');
    const pdu = { command: 'submit_sm' as const, destination_addr: '447700900123', registered_delivery: 1 };
    const queued: QueuedMessage = {
      correlationId: 'a',
      to: '447700900123',
      text: 'x',
      metadata: { order: 1 },
    };
    // Another ledger's handle on the message means nothing to this one (the message goes by its id there).
    other.queued(queued);
    r.queued(queued);
    r.submit(pdu, queued);
    r.submitted(queued, ['m1'], 1);
    // A message that was never queued here (a durable queue's copy, a direct submit) goes by its id.
    const copy = { correlationId: 'a', to: '447700900123' };
    r.submit(pdu, copy);
    r.submitted(copy, ['m2'], 2);
    const history = await l.getMessage('a');
    expect(history).toMatchObject({
      client: 'c',
      to: '447700900123',
      metadata: { order: 1 },
      status: 'submitted',
      messageIds: ['m2'],
      attempts: 2,
    });
    expect(history!.events.map((e) => e.type)).toEqual([
      'queued',
      'submit',
      'submitted',
      'submit',
      'submitted',
    ]);
    expect(history!.events[1]).toMatchObject({ to: '447700900123', receiptRequested: true });
    expect(history!.events[2]).toMatchObject({ messageIds: ['m1'], attempt: 1 });
  });

  it("stamps a retry and a failure with the recorder's clock, so a history never runs backwards in a turn", () => {
    const l = ledger(false);
    const source = new EventEmitter();
    const { recorder, detach } = recordClientInLedger(source, l, 'c');
    const pdu = { command: 'submit_sm' as const, destination_addr: '1' };
    // The first fact of the turn reads the clock; then time passes within the same turn (a busy callback).
    recorder.submit(pdu, { correlationId: 'a' });
    const until = Date.now() + 5;
    while (Date.now() < until);
    source.emit('retry', { correlationId: 'a', attempt: 1, reason: 'throttled', delayMs: 0 });
    recorder.submit(pdu, { correlationId: 'a' });
    source.emit('failed', { correlationId: 'a', attempts: 2, reason: 'rejected' });
    expect(l.entries.map((e) => e.type)).toEqual(['submit', 'retry', 'submit', 'failed']);
    const times = l.entries.map((e) => e.at);
    expect(new Set(times).size).toBe(1);
    detach();
    source.emit('retry', { correlationId: 'a', attempt: 2, reason: 'throttled', delayMs: 0 });
    expect(l.entries).toHaveLength(4);
  });
});
