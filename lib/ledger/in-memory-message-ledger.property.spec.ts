import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InMemoryMessageLedger, type InMemoryMessageLedgerOptions } from './in-memory-message-ledger.js';
import { toMessageHistory, toStoredEvent } from './ledger-events.js';
import { applyLedgerEntry, newLedgerState } from './ledger-state.js';
import type { LedgerEntry, MessageHistory } from './message-ledger.interface.js';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/** One entry of any kind the client records, for one of a few ids, at a time that mostly grows. */
const entry = (at: number): fc.Arbitrary<LedgerEntry> => {
  const id = fc.constantFrom(...IDS);
  return fc.oneof(
    // A message's own fields are the same whenever it is queued (the ledger keeps them once per message).
    id.map((correlationId, i = IDS.indexOf(correlationId)): LedgerEntry => ({
      type: 'queued',
      correlationId,
      at,
      client: 'default',
      to: i % 2 === 0 ? '447700900123' : '447700900999',
      ...(i % 3 === 0 ? { from: 'NAZ' } : {}),
      ...(i % 4 === 0 ? { metadata: { order: i } } : {}),
    })),
    fc
      .record({
        correlationId: id,
        part: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        receiptRequested: fc.boolean(),
      })
      .map(({ correlationId, part, receiptRequested }, i = IDS.indexOf(correlationId)): LedgerEntry => ({
        type: 'submit',
        correlationId,
        at,
        client: 'default',
        to: i % 2 === 0 ? '447700900123' : '447700900999',
        ...(i % 3 === 0 ? { from: 'NAZ' } : {}),
        ...(part === undefined ? {} : { part, parts: 3 }),
        receiptRequested,
      })),
    fc.record({
      type: fc.constant('submitted' as const),
      correlationId: id,
      at: fc.constant(at),
      attempt: fc.integer({ min: 1, max: 3 }),
      messageIds: fc.array(fc.constantFrom('m1', 'm2', 'm3'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('retry' as const),
      correlationId: id,
      at: fc.constant(at),
      attempt: fc.integer({ min: 1, max: 3 }),
      reason: fc.constant('ESME_RTHROTTLED'),
      delayMs: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({
      type: fc.constant('failed' as const),
      correlationId: id,
      at: fc.constant(at),
      attempt: fc.integer({ min: 1, max: 3 }),
      reason: fc.constant('ESME_RINVDSTADR'),
    }),
    fc.record({
      type: fc.constant('receipt' as const),
      correlationId: id,
      at: fc.constant(at),
      messageId: fc.constantFrom('m1', 'm2'),
      state: fc.constantFrom('DELIVRD' as const, 'UNDELIV' as const, 'ENROUTE' as const),
      final: fc.boolean(),
      part: fc.integer({ min: 0, max: 1 }),
      parts: fc.constant(2),
    }),
  );
};

/** Entries at growing times (a step of 0 to 400 ms each), and after which of them a read happens. */
const script = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.boolean()), { minLength: 1, maxLength: 120 })
  .chain((steps) => {
    let at = 1_000_000;
    const times = steps.map(([step]) => (at += step));
    return fc.tuple(fc.tuple(...times.map((t) => entry(t))), fc.constant(steps.map(([, read]) => read)));
  });

/**
 * How entries reach the ledger: `record()` for each, or as the client writes them, `queued`, `submit` and
 * `submitted` through the direct writer, naming the message by the handle its latest `queued` gave (one-part
 * submits and one-id submitteds then go into that queued cell, not cells of their own).
 */
type Writer = (ledger: InMemoryMessageLedger) => (entry: LedgerEntry) => void;

const byRecord: Writer = (ledger) => (e) => ledger.record(e);

const byDirectWriter: Writer = (ledger) => {
  const direct = ledger.directWriter;
  const handles = new Map<string, number>();
  return (e) => {
    const handle = handles.get(e.correlationId) ?? -1;
    switch (e.type) {
      case 'queued':
        handles.set(
          e.correlationId,
          direct.appendQueued(e.correlationId, e.at, e.client, e.to, e.from, e.metadata, e.text),
        );
        return;
      case 'submit':
        direct.appendSubmit(
          handle,
          e.correlationId,
          e.at,
          e.client,
          e.to,
          e.from,
          e.part,
          e.parts,
          e.receiptRequested,
        );
        return;
      case 'submitted':
        direct.appendSubmitted(handle, e.correlationId, e.at, e.attempt, e.messageIds);
        return;
      default:
        ledger.record(e);
    }
  };
};

async function everyHistory(ledger: InMemoryMessageLedger): Promise<Array<MessageHistory | undefined>> {
  return Promise.all(IDS.map((id) => ledger.getMessage(id)));
}

const limits = fc.record({
  maxMessages: fc.integer({ min: 1, max: 10 }),
  maxEvents: fc.integer({ min: 1, max: 60 }),
  maxEventsPerMessage: fc.integer({ min: 2, max: 12 }),
  retentionMs: fc.integer({ min: 500, max: 20_000 }),
}) as fc.Arbitrary<InMemoryMessageLedgerOptions>;

describe.each([
  ['record()', byRecord],
  ['the direct writer', byDirectWriter],
])('InMemoryMessageLedger (properties), written through %s', (_how, writer: Writer) => {
  it('shows what a reference fold of every entry shows, whenever it is read, when nothing has to be forgotten', async () => {
    await fc.assert(
      fc.asyncProperty(script, async ([entries, reads]) => {
        const ledger = new InMemoryMessageLedger();
        const write = writer(ledger);
        const byId = new Map<string, LedgerEntry[]>();
        for (const [i, e] of entries.entries()) {
          write(e);
          byId.set(e.correlationId, [...(byId.get(e.correlationId) ?? []), e]);
          if (reads[i]) await everyHistory(ledger);
        }
        for (const id of IDS) {
          const own = byId.get(id);
          const expected =
            own === undefined
              ? undefined
              : (() => {
                  const state = newLedgerState(id, Math.min(...own.map((e) => e.at)));
                  for (const e of own) applyLedgerEntry(state, e);
                  return toMessageHistory(state, own.map(toStoredEvent));
                })();
          expect(await ledger.getMessage(id)).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('forgets the same messages and keeps the same histories whether read often or only at the end', async () => {
    // The limits by message count, events per message and age, with room in the log for every entry. (When the
    // log itself overflows, what survives depends on what was read before: see the next property.)
    await fc.assert(
      fc.asyncProperty(script, limits, async ([entries, reads], options) => {
        const roomy = { ...options, maxEvents: entries.length };
        const often = new InMemoryMessageLedger(roomy);
        const once = new InMemoryMessageLedger(roomy);
        const [writeOften, writeOnce] = [writer(often), writer(once)];
        for (const [i, e] of entries.entries()) {
          writeOften(e);
          writeOnce(e);
          if (reads[i]) await everyHistory(often);
        }
        expect(await everyHistory(often)).toEqual(await everyHistory(once));
        expect(await often.findMessages({ limit: 100 })).toEqual(await once.findMessages({ limit: 100 }));
        expect(often.stats()).toEqual(once.stats());
      }),
      { numRuns: 300 },
    );
  });

  it('shows, when the log overflows, only events recorded for the message, in order, up to the last one', async () => {
    await fc.assert(
      fc.asyncProperty(script, limits, async ([entries, reads], options) => {
        const ledger = new InMemoryMessageLedger(options);
        const write = writer(ledger);
        const recorded = new Map<string, string[]>();
        const describe = (e: { type: string; at: number | Date }): string =>
          `${e.type}@${e.at instanceof Date ? e.at.getTime() : e.at}`;
        for (const [i, e] of entries.entries()) {
          write(e);
          recorded.set(e.correlationId, [...(recorded.get(e.correlationId) ?? []), describe(e)]);
          if (reads[i]) await everyHistory(ledger);
        }
        const last = entries.at(-1)!;
        for (const id of IDS) {
          const shown = (await ledger.getMessage(id))?.events.map(describe) ?? [];
          // A subsequence of what was recorded for it (times never go backwards in this script).
          let at = 0;
          const own = recorded.get(id) ?? [];
          for (const event of shown) {
            at = own.indexOf(event, at);
            expect(at).toBeGreaterThanOrEqual(0);
            at++;
          }
          // Unless retention forgot it (first recorded longer ago than retentionMs), its last event is there.
          if (id === last.correlationId && shown.length > 0) expect(shown.at(-1)).toBe(describe(last));
        }
        expect(ledger.stats().recorded).toBe(entries.length);
      }),
      { numRuns: 300 },
    );
  });
});
