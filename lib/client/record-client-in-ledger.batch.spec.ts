import { describe, expect, it, jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { fastRandomUuid } from '../correlation/fast-random-uuid.js';
import { InMemoryMessageLedger } from '../ledger/in-memory-message-ledger.js';
import type { LedgerEventLog } from '../ledger/ledger-event-log.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import { BATCH_CAPACITY } from './ledger-fact-batch.js';
import { ClientLedgerRecorder, recordClientInLedger } from './record-client-in-ledger.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const logOf = (ledger: InMemoryMessageLedger): LedgerEventLog => ledger.directWriter as LedgerEventLog;
const sourcesOf = (ledger: InMemoryMessageLedger): unknown[] =>
  Reflect.get(logOf(ledger), 'batchSources') as unknown[];
const pdu = { command: 'submit_sm' as const, destination_addr: '447700900123', registered_delivery: 1 };

describe('ClientLedgerRecorder with a direct writer: one batch a turn', () => {
  it('writes the facts of a turn when the turn ends, and leaves the ledger idle after', async () => {
    const ledger = new InMemoryMessageLedger();
    const recorder = new ClientLedgerRecorder(ledger, 'c');
    const message: QueuedMessage = { correlationId: 'a', to: '447700900123', text: 'x' };
    recorder.queued(message);
    recorder.submit(pdu, message);
    recorder.submitted(message, ['m1'], 1);
    expect(logOf(ledger).written).toBe(0);
    expect(sourcesOf(ledger)).toHaveLength(1);
    await nextTurn();
    expect(logOf(ledger).written).toBe(3);
    // Nothing held: the ledger no longer refers to the recorder (no idle client kept alive by its ledger).
    expect(sourcesOf(ledger)).toHaveLength(0);
    expect((await ledger.getMessage('a'))!.events.map((e) => e.type)).toEqual([
      'queued',
      'submit',
      'submitted',
    ]);
  });

  it('lets a read in the same turn see every fact recorded before it', async () => {
    const ledger = new InMemoryMessageLedger();
    const recorder = new ClientLedgerRecorder(ledger, 'c');
    const message: QueuedMessage = { correlationId: 'b', to: '447700900123', text: 'x' };
    recorder.queued(message);
    recorder.submit(pdu, message);
    expect(ledger.stats().recorded).toBe(2);
    const read = ledger.getMessage('b');
    recorder.submitted(message, ['m1'], 1);
    // getMessage caught up when called; the fact recorded after it is the next read's.
    expect((await read)!.events.map((e) => e.type)).toEqual(['queued', 'submit']);
    expect((await ledger.getMessage('b'))!.status).toBe('submitted');
  });

  it('keeps the order of facts recorded through events after batched ones, in the same turn', async () => {
    const ledger = new InMemoryMessageLedger();
    const source = new EventEmitter();
    const { recorder } = recordClientInLedger(source, ledger, 'c');
    const message: QueuedMessage = { correlationId: 'r', to: '447700900123', text: 'x' };
    recorder.queued(message);
    recorder.submit(pdu, message);
    source.emit('retry', { correlationId: 'r', attempt: 1, reason: 'ESME_RTHROTTLED', delayMs: 10 });
    recorder.submit(pdu, message);
    recorder.submitted(message, ['m2'], 2);
    await nextTurn();
    const history = await ledger.getMessage('r');
    expect(history!.events.map((e) => e.type)).toEqual(['queued', 'submit', 'retry', 'submit', 'submitted']);
    // One time for the turn, the retry's included.
    expect(new Set(history!.events.map((e) => e.at.getTime())).size).toBe(1);
  });

  it("copies an id while it is the generator's last, so later ids do not change what is written", async () => {
    const ledger = new InMemoryMessageLedger();
    const recorder = new ClientLedgerRecorder(ledger, 'c');
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      // More ids than the generator formats per refill: its buffer is rewritten before the batch is written.
      const id = fastRandomUuid();
      ids.push(id);
      recorder.queued({ correlationId: id, to: String(447700900000 + i), text: 'x' });
      fastRandomUuid();
    }
    // The caller's own id (not the generator's) is copied from the string when the batch is written.
    recorder.queued({ correlationId: 'order-42', to: '447700900999', text: 'x' });
    await nextTurn();
    for (const [i, id] of ids.entries()) {
      expect(await ledger.getMessage(id)).toMatchObject({ correlationId: id, to: String(447700900000 + i) });
    }
    expect(await ledger.getMessage('order-42')).toMatchObject({ to: '447700900999' });
  });

  it('writes a full batch at once, and every message is whole after the turn', async () => {
    const ledger = new InMemoryMessageLedger({ maxMessages: BATCH_CAPACITY });
    const recorder = new ClientLedgerRecorder(ledger, 'c');
    for (let i = 0; i < BATCH_CAPACITY; i++) recorder.queued({ correlationId: `m${i}`, to: '1', text: 'x' });
    expect(logOf(ledger).written).toBe(BATCH_CAPACITY);
    recorder.queued({ correlationId: 'last', to: '1', text: 'x' });
    expect(logOf(ledger).written).toBe(BATCH_CAPACITY);
    await nextTurn();
    expect(logOf(ledger).written).toBe(BATCH_CAPACITY + 1);
    expect(await ledger.getMessage('last')).toMatchObject({ status: 'queued' });
  });

  it('warns about a fact it cannot write and writes the others', async () => {
    const ledger = new InMemoryMessageLedger();
    const warn = jest.fn<(message: string, error: Error) => void>();
    const recorder = new ClientLedgerRecorder(ledger, 'c', warn);
    const broken = { correlationId: 'broken', text: 'x' } as QueuedMessage;
    Object.defineProperty(broken, 'to', {
      get: () => {
        throw new Error('to is unreadable');
      },
    });
    recorder.queued({ correlationId: 'before', to: '1', text: 'x' });
    recorder.queued(broken);
    recorder.queued({ correlationId: 'after', to: '2', text: 'x' });
    await nextTurn();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/message ledger/);
    expect(warn.mock.calls[0]![1].message).toBe('to is unreadable');
    expect(await ledger.getMessage('before')).toBeDefined();
    expect(await ledger.getMessage('after')).toBeDefined();
  });

  it('writes what it holds when detached', async () => {
    const ledger = new InMemoryMessageLedger();
    const { recorder, detach } = recordClientInLedger(new EventEmitter(), ledger, 'c');
    recorder.queued({ correlationId: 'd', to: '1', text: 'x' });
    detach();
    expect(logOf(ledger).written).toBe(1);
    expect(sourcesOf(ledger)).toHaveLength(0);
    await nextTurn();
    expect(logOf(ledger).written).toBe(1);
  });
});
