import { describe, expect, it } from '@jest/globals';
import { encodePdu } from '../../protocol/index.js';
import { MessageIdAllocator } from './message-id.js';
import { MessageStore } from './message-store.js';
import { SimulatorMessages } from './simulator-messages.js';

function storeWith(count: number, capacity: number, format: 'decimal' | 'hex' = 'decimal') {
  const ids = new MessageIdAllocator(format, 250);
  const store = new MessageStore(capacity);
  for (let i = 0; i < count; i++) {
    const frame = encodePdu({
      command: 'submit_sm',
      sequence_number: i + 1,
      short_message: Buffer.from(`m${i}`),
    });
    store.put(ids.next(), frame, undefined, 'esme', 1000, Date.now() + 60_000, 0); // ENROUTE for a minute
  }
  return { messages: new SimulatorMessages(store, ids), store };
}

describe('SimulatorMessages.list', () => {
  it('lists the newest first, only what the ring still holds', () => {
    const { messages } = storeWith(10, 4);
    expect(messages.list().map((m) => m.messageId)).toEqual(['259', '258', '257', '256']);
    expect(
      messages
        .list({ limit: 2 })
        .map((m) => (m.pdu.command === 'submit_sm' ? m.pdu.short_message.toString() : '')),
    ).toEqual(['m9', 'm8']);
  });

  it('pages back with `before`, in the store’s id format', () => {
    const { messages } = storeWith(20, 100, 'hex');
    expect(messages.list({ before: '10A', limit: 3 }).map((m) => m.messageId)).toEqual(['109', '108', '107']);
    expect(messages.list({ before: 'fa' })).toEqual([]);
  });

  it('reports the marks of query_sm, replace_sm and cancel_sm', () => {
    const { messages, store } = storeWith(3, 10);
    store.markQueried(250);
    store.replaceFrame(251, encodePdu({ command: 'submit_sm', sequence_number: 9 }), 2000);
    store.cancel(252, 2000);
    expect(messages.list().map((m) => [m.messageId, m.queried, m.replaced, m.cancelled, m.state])).toEqual([
      ['252', false, false, true, 'DELETED'],
      ['251', false, true, false, 'ENROUTE'],
      ['250', true, false, false, 'ENROUTE'],
    ]);
  });

  it('refuses a limit or a `before` it cannot use, naming it', () => {
    const { messages } = storeWith(1, 10);
    expect(() => messages.list({ limit: 0 })).toThrow(/limit 0 must be an integer 1-1000/);
    expect(() => messages.list({ before: 'abc' })).toThrow(/before "abc" is not a decimal message id/);
  });
});
