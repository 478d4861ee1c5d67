import { describe, it, expect } from '@jest/globals';
import { InMemoryOutboundQueue } from './in-memory-outbound-queue.js';
import { QueueFullError } from './queue-full.error.js';
import type { QueuedMessage } from './outbound-queue.interface.js';

const msg = (id: string): QueuedMessage => ({ to: '447700900123', text: id, correlationId: id });
const ids = (ds: { message: QueuedMessage }[]) => ds.map((d) => d.message.correlationId);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InMemoryOutboundQueue', () => {
  it('hands messages out in FIFO order, up to max per receive', async () => {
    const q = new InMemoryOutboundQueue();
    for (const id of ['a', 'b', 'c']) await q.enqueue(msg(id));
    const signal = new AbortController().signal;
    expect(ids(await q.receive(2, signal))).toEqual(['a', 'b']);
    expect(ids(await q.receive(5, signal))).toEqual(['c']);
  });

  it('throws QueueFullError beyond its capacity', async () => {
    const q = new InMemoryOutboundQueue({ capacity: 2 });
    await q.enqueue(msg('a'));
    await q.enqueue(msg('b'));
    await expect(q.enqueue(msg('c'))).rejects.toBeInstanceOf(QueueFullError);
    expect(await q.size()).toBe(2);
  });

  it('wakes a waiting receive when a message is enqueued (no polling)', async () => {
    const q = new InMemoryOutboundQueue();
    const pending = q.receive(10, new AbortController().signal);
    setTimeout(() => void q.enqueue(msg('late')), 5);
    expect(ids(await pending)).toEqual(['late']);
  });

  it('resolves a waiting receive with nothing when its signal aborts', async () => {
    const q = new InMemoryOutboundQueue();
    const ac = new AbortController();
    const pending = q.receive(10, ac.signal);
    ac.abort();
    expect(await pending).toEqual([]);
  });

  it('requeues a nacked message at its original place, with attempt + 1', async () => {
    const q = new InMemoryOutboundQueue();
    for (const id of ['a', 'b', 'c']) await q.enqueue(msg(id));
    const signal = new AbortController().signal;
    const [a] = await q.receive(1, signal);
    await a.nack({ requeue: true });
    const again = await q.receive(3, signal);
    expect(ids(again)).toEqual(['a', 'b', 'c']);
    expect(again[0].attempt).toBe(2);
    expect(again[1].attempt).toBe(1);
  });

  it('keeps a delayed message from blocking the others, then delivers it after its delay', async () => {
    const q = new InMemoryOutboundQueue();
    await q.enqueue(msg('slow'));
    await q.enqueue(msg('fast'));
    const signal = new AbortController().signal;
    const [slow] = await q.receive(1, signal);
    // Timed from the nack: on a loaded machine the receive of 'fast' may itself take a while.
    const nackedAt = Date.now();
    await slow.nack({ requeue: true, delayMs: 30 });
    expect(ids(await q.receive(5, signal))).toEqual(['fast']);
    expect(ids(await q.receive(5, signal))).toEqual(['slow']);
    expect(Date.now() - nackedAt).toBeGreaterThanOrEqual(29);
  });

  it('accepts a requeue even when full: a message is never dropped', async () => {
    const q = new InMemoryOutboundQueue({ capacity: 1 });
    await q.enqueue(msg('a'));
    const [a] = await q.receive(1, new AbortController().signal);
    await q.enqueue(msg('b'));
    await a.nack({ requeue: true });
    expect(await q.size()).toBe(2);
  });

  it('forgets a message acked or nacked without requeue, and ignores a second settle', async () => {
    const q = new InMemoryOutboundQueue();
    await q.enqueue(msg('a'));
    await q.enqueue(msg('b'));
    const [a, b] = await q.receive(2, new AbortController().signal);
    expect(q.unacknowledged).toBe(2);
    await a.ack();
    await b.nack({ requeue: false, reason: 'ESME_RINVDSTADR' });
    await a.nack({ requeue: true });
    expect(q.unacknowledged).toBe(0);
    expect(await q.size()).toBe(0);
  });

  it('releases waiting receivers on close', async () => {
    const q = new InMemoryOutboundQueue();
    const pending = q.receive(1, new AbortController().signal);
    await q.close();
    expect(await pending).toEqual([]);
    await sleep(1);
  });

  describe('dead letters', () => {
    it('keeps a message nacked for good with its reason and attempt, oldest first', async () => {
      const q = new InMemoryOutboundQueue();
      for (const id of ['a', 'b']) await q.enqueue(msg(id));
      const [a, b] = await q.receive(2, new AbortController().signal);
      await a.nack({ requeue: false, reason: 'InvalidMessageError: destination_addr is 25 characters' });
      await b.nack({ requeue: false });
      expect(q.deadLetters.map((d) => [d.message.correlationId, d.reason, d.attempt])).toEqual([
        ['a', 'InvalidMessageError: destination_addr is 25 characters', 1],
        ['b', 'failed', 1],
      ]);
      expect(q.depth).toBe(0);
    });

    it('acknowledges an SMSC rejection without keeping it, unless deadLetterRejected is set', async () => {
      for (const deadLetterRejected of [false, true]) {
        const q = new InMemoryOutboundQueue({ deadLetterRejected });
        await q.enqueue(msg('r'));
        const [r] = await q.receive(1, new AbortController().signal);
        await r.ack({ rejectedReason: 'submit_sm rejected: ESME_RINVDSTADR (0x0000000B)' });
        expect(q.deadLetters.map((d) => d.reason)).toEqual(
          deadLetterRejected ? ['submit_sm rejected: ESME_RINVDSTADR (0x0000000B)'] : [],
        );
        expect(q.unacknowledged).toBe(0);
      }
    });

    it('keeps at most deadLetterCapacity, dropping the oldest', async () => {
      const q = new InMemoryOutboundQueue({ deadLetterCapacity: 2 });
      for (const id of ['a', 'b', 'c']) await q.enqueue(msg(id));
      for (const d of await q.receive(3, new AbortController().signal)) await d.nack({ requeue: false });
      expect(q.deadLetters.map((d) => d.message.correlationId)).toEqual(['b', 'c']);
    });
  });
});
