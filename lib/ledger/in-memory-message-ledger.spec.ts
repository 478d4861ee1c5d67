import { describe, expect, it } from '@jest/globals';
import { InMemoryMessageLedger } from './in-memory-message-ledger.js';
import type { LedgerEntry } from './message-ledger.interface.js';

const queued = (id: string, at: number, extra: Partial<LedgerEntry> = {}): LedgerEntry =>
  ({
    type: 'queued',
    correlationId: id,
    at,
    client: 'default',
    to: '447700900123',
    from: 'NAZ',
    metadata: { order: id },
    ...extra,
  }) as LedgerEntry;
const submit = (id: string, at: number, part?: number, parts?: number): LedgerEntry => ({
  type: 'submit',
  correlationId: id,
  at,
  client: 'default',
  to: '447700900123',
  from: 'NAZ',
  part,
  parts,
  receiptRequested: true,
});
const submitted = (id: string, at: number, messageIds: string[]): LedgerEntry => ({
  type: 'submitted',
  correlationId: id,
  at,
  attempt: 1,
  messageIds,
});
const receipt = (id: string, at: number, part: number, parts: number, state = 'DELIVRD'): LedgerEntry =>
  ({
    type: 'receipt',
    correlationId: id,
    at,
    messageId: `m${part}`,
    state,
    final: state !== 'ENROUTE',
    part,
    parts,
    ...(state === 'UNDELIV' ? { errorCode: '005' } : {}),
  }) as LedgerEntry;

describe('InMemoryMessageLedger', () => {
  it('gives back every event as recorded, and the state folded from them, for a long message', async () => {
    const ledger = new InMemoryMessageLedger();
    const entries: LedgerEntry[] = [
      queued('a', 1_000),
      submit('a', 1_010, 0, 2),
      submit('a', 1_011, 1, 2),
      receipt('a', 1_020, 1, 2, 'ENROUTE'),
      // A receipt before the submit result (it raced the submit_sm_resp).
      receipt('a', 1_030, 1, 2),
      submitted('a', 1_040, ['m0', 'm1']),
      {
        type: 'retry',
        correlationId: 'a',
        at: 1_041,
        attempt: 1,
        reason: 'ESME_RTHROTTLED',
        delayMs: 250,
      },
      { type: 'failed', correlationId: 'a', at: 1_042, attempt: 2, reason: 'X', commandStatus: 0xffffffff },
      receipt('a', 1_050, 0, 2, 'UNDELIV'),
    ];
    for (const entry of entries) ledger.record(entry);
    const history = await ledger.getMessage('a');
    expect(history).toMatchObject({
      correlationId: 'a',
      client: 'default',
      to: '447700900123',
      from: 'NAZ',
      metadata: { order: 'a' },
      messageIds: ['m0', 'm1'],
      status: 'failed',
      final: true,
    });
    expect(history!.receipts.map((r) => [r.part, r.state, r.errorCode])).toEqual([
      [0, 'UNDELIV', '005'],
      [1, 'DELIVRD', undefined],
    ]);
    const stripped = entries.map(({ correlationId: _id, at, ...rest }) => {
      const { client: _client, ...event } = rest as Record<string, unknown>;
      return { ...event, at: new Date(at) };
    });
    expect(history!.events).toEqual(stripped);
    expect(ledger.stats()).toEqual({
      recorded: entries.length,
      written: entries.length,
      pending: 0,
      writeFailures: 0,
      dropped: 0,
      purged: 0,
    });
  });

  it('keeps an entry kind it has no columns for as it came', async () => {
    const ledger = new InMemoryMessageLedger();
    ledger.record(queued('r', 1));
    // A router's entry: the ring has no columns for it (routers record one per routed message).
    const routed: LedgerEntry = {
      type: 'routed',
      correlationId: 'r',
      at: 2,
      route: 'uk',
      client: 'b',
      attempts: 2,
      messageIds: ['x'],
    };
    ledger.record(routed);
    const history = await ledger.getMessage('r');
    expect(history!.events[1]).toEqual({
      type: 'routed',
      route: 'uk',
      attempts: 2,
      messageIds: ['x'],
      at: new Date(2),
    });
    expect(history).toMatchObject({ client: 'b', status: 'submitted', messageIds: ['x'] });
  });

  it('forgets the oldest messages beyond maxMessages, whatever came since', async () => {
    const ledger = new InMemoryMessageLedger({ maxMessages: 3 });
    for (let i = 0; i < 5; i++) ledger.record(queued(`m${i}`, 1_000 + i));
    ledger.record(submit('m2', 2_000));
    expect(await ledger.getMessage('m0')).toBeUndefined();
    expect(await ledger.getMessage('m1')).toBeUndefined();
    expect((await ledger.getMessage('m2'))!.events.map((e) => e.type)).toEqual(['queued', 'submit']);
    expect((await ledger.findMessages()).map((m) => m.correlationId)).toEqual(['m4', 'm3', 'm2']);
    expect(ledger.stats().purged).toBe(2);
  });

  it('forgets the oldest messages when the event ring is full, never leaving a history without its start', async () => {
    const ledger = new InMemoryMessageLedger({ maxMessages: 100, maxEvents: 6 });
    for (let i = 0; i < 4; i++) {
      ledger.record(queued(`m${i}`, 1_000 + i));
      ledger.record(submit(`m${i}`, 1_000 + i));
    }
    // 8 events into 6 cells: m0 went with its cells.
    expect(await ledger.getMessage('m0')).toBeUndefined();
    for (const id of ['m1', 'm2', 'm3'])
      expect((await ledger.getMessage(id))!.events.map((e) => e.type)).toEqual(['queued', 'submit']);
    // A message that alone fills the ring starts over rather than keeping a tail.
    for (let i = 0; i < 7; i++) ledger.record(submit('long', 3_000 + i, i, 7));
    const long = await ledger.getMessage('long');
    expect(long!.events.length).toBeLessThanOrEqual(6);
    expect(long!.events.at(-1)).toMatchObject({ part: 6 });
  });

  it('keeps the first and the latest maxEventsPerMessage events of a message', async () => {
    const ledger = new InMemoryMessageLedger({ maxEventsPerMessage: 3 });
    ledger.record(queued('r', 1));
    for (let i = 0; i < 5; i++)
      ledger.record({
        type: 'retry',
        correlationId: 'r',
        at: 10 + i,
        attempt: i + 1,
        reason: 'T',
        delayMs: 1,
      });
    expect((await ledger.getMessage('r'))!.events.map((e) => ('attempt' in e ? e.attempt : e.type))).toEqual([
      'queued',
      4,
      5,
    ]);
  });

  it('forgets messages first recorded longer ago than retentionMs', async () => {
    const ledger = new InMemoryMessageLedger({ retentionMs: 1_000 });
    ledger.record(queued('old', 10_000));
    ledger.record(queued('new', 10_500));
    ledger.record(queued('later', 11_200));
    expect(await ledger.getMessage('old')).toBeUndefined();
    expect(await ledger.getMessage('new')).toBeDefined();
    expect(ledger.stats().purged).toBe(1);
  });

  it('finds by destination, status and time, newest first, and validates its options', async () => {
    const ledger = new InMemoryMessageLedger();
    ledger.record(queued('x', 1_000));
    ledger.record(queued('y', 2_000, { to: '447700900999' }));
    ledger.record(submit('y', 2_001));
    ledger.record(submitted('y', 2_002, ['m0']));
    ledger.record(receipt('y', 2_003, 0, 1));
    expect((await ledger.findMessages({ to: '447700900999' })).map((m) => m.status)).toEqual(['delivered']);
    expect((await ledger.findMessages({ status: 'queued' })).map((m) => m.correlationId)).toEqual(['x']);
    expect((await ledger.findMessages({ since: new Date(1_500) })).map((m) => m.correlationId)).toEqual([
      'y',
    ]);
    expect(() => new InMemoryMessageLedger({ maxMessages: 0 })).toThrow(
      /maxMessages must be an integer >= 1/,
    );
    expect(() => new InMemoryMessageLedger({ maxEventsPerMessage: 1 })).toThrow(
      /maxEventsPerMessage must be an integer >= 2, got 1/,
    );
  });

  it('counts messages forgotten before any read, by their queued events', () => {
    const ledger = new InMemoryMessageLedger({ maxEvents: 4 });
    for (let i = 0; i < 6; i++) ledger.record(queued(`m${i}`, 1_000 + i));
    expect(ledger.stats()).toMatchObject({ recorded: 6, purged: 2 });
  });

  it('indexes a backlog of more than one chunk between event-loop turns, and reads made meanwhile share it', async () => {
    const count = 50_000;
    const ledger = new InMemoryMessageLedger({ maxMessages: count, maxEvents: count });
    for (let i = 0; i < count; i++) ledger.record(queued(`m${i}`, 1_000 + i));
    let turns = 0;
    const tick = (): void => {
      turns++;
      if (turns < 100) setImmediate(tick);
    };
    setImmediate(tick);
    const [first, last, newest] = await Promise.all([
      ledger.getMessage('m0'),
      ledger.getMessage(`m${count - 1}`),
      ledger.findMessages({ limit: 2 }),
    ]);
    expect(turns).toBeGreaterThan(0);
    expect(first).toMatchObject({ correlationId: 'm0', status: 'queued' });
    expect(last).toMatchObject({ correlationId: `m${count - 1}`, status: 'queued' });
    expect(newest.map((m) => m.correlationId)).toEqual([`m${count - 1}`, `m${count - 2}`]);
    expect(ledger.stats()).toMatchObject({ recorded: count, purged: 0 });
  });

  describe('through the direct writer (the client send path)', () => {
    it('names a message by its queued handle: its history in recording order, with a receipt that overtook the response', async () => {
      const ledger = new InMemoryMessageLedger();
      const direct = ledger.directWriter;
      const handle = direct.appendQueued(
        'a',
        1_000,
        'default',
        '447700900123',
        undefined,
        { n: 1 },
        undefined,
      );
      direct.appendSubmit(handle, 'a', 1_001, 'default', '447700900123', 'NAZ', undefined, undefined, true);
      // The receipt came before the submit_sm_resp (a cell of its own), then the response.
      ledger.record(receipt('a', 1_002, 0, 1));
      direct.appendSubmitted(handle, 'a', 1_002, 1, ['m0']);
      const history = await ledger.getMessage('a');
      expect(history!.events.map((e) => e.type)).toEqual(['queued', 'submit', 'receipt', 'submitted']);
      expect(history).toMatchObject({
        // The sender only the submit named (the client's default) is the message's.
        from: 'NAZ',
        to: '447700900123',
        metadata: { n: 1 },
        messageIds: ['m0'],
        status: 'delivered',
      });
      expect(history!.events[1]).toEqual({
        type: 'submit',
        at: new Date(1_001),
        to: '447700900123',
        from: 'NAZ',
        receiptRequested: true,
      });
      expect(history!.events[3]).toEqual({
        type: 'submitted',
        at: new Date(1_002),
        attempt: 1,
        messageIds: ['m0'],
      });
      expect(ledger.stats()).toMatchObject({ recorded: 4, written: 4, purged: 0 });
    });

    it('records receipts by handle, and gives back each errorCode exactly as it came', async () => {
      const ledger = new InMemoryMessageLedger();
      const direct = ledger.directWriter;
      const handle = direct.appendQueued('e', 1, 'default', '447700900123', undefined, undefined, undefined);
      // Three digits are kept as a number (leading zeros included); anything else as the string.
      const codes = [undefined, '000', '069', '999', '0', '0000', '0a1', '/00', ':00', 'ERR'];
      codes.forEach((code, i) =>
        direct.appendReceipt(handle, 'e', 10 + i, `m${i}`, 5, i === codes.length - 1, code, 0, 1),
      );
      // The same by id (a correlator that gives back no handle, e.g. Redis).
      direct.appendReceipt(-1, 'e', 30, 'mx', 2, true, '005', 0, 1);
      const history = await ledger.getMessage('e');
      const receipts = history!.events.filter((e) => e.type === 'receipt');
      expect(receipts.map((r) => (r as { errorCode?: string }).errorCode)).toEqual([...codes, '005']);
      expect(receipts[1]).toEqual({
        type: 'receipt',
        at: new Date(11),
        messageId: 'm1',
        state: 'UNDELIV',
        final: false,
        errorCode: '000',
        part: 0,
        parts: 1,
      });
      expect(receipts.at(-1)).toMatchObject({ messageId: 'mx', state: 'DELIVRD', final: true });
    });

    it('records retries, later attempts and the parts of a long message by handle, in order', async () => {
      const ledger = new InMemoryMessageLedger({ maxEventsPerMessage: 100 });
      const direct = ledger.directWriter;
      const h = direct.appendQueued('r', 1, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendSubmit(h, 'r', 2, 'default', '447700900123', 'NAZ', undefined, undefined, false);
      ledger.record({ type: 'retry', correlationId: 'r', at: 3, attempt: 1, reason: 'T', delayMs: 1 });
      direct.appendSubmit(h, 'r', 4, 'default', '447700900123', 'NAZ', undefined, undefined, false);
      direct.appendSubmitted(h, 'r', 5, 2, ['x']);
      const long = direct.appendQueued('l', 10, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendSubmit(long, 'l', 11, 'default', '447700900123', 'NAZ', 0, 2, true);
      direct.appendSubmit(long, 'l', 11, 'default', '447700900123', 'NAZ', 1, 2, true);
      direct.appendSubmitted(long, 'l', 12, 1, ['p0', 'p1']);
      expect(
        (await ledger.getMessage('r'))!.events.map((e) => [e.type, 'attempt' in e ? e.attempt : '-']),
      ).toEqual([
        ['queued', '-'],
        ['submit', '-'],
        ['retry', 1],
        ['submit', '-'],
        ['submitted', 2],
      ]);
      expect(
        (await ledger.getMessage('l'))!.events.map((e) => ('part' in e ? `submit ${e.part}` : e.type)),
      ).toEqual(['queued', 'submit 0', 'submit 1', 'submitted']);
      expect(ledger.stats().recorded).toBe(9);
    });

    it('keeps the first and the latest maxEventsPerMessage events of a message written by handle', async () => {
      const ledger = new InMemoryMessageLedger({ maxEventsPerMessage: 3 });
      const direct = ledger.directWriter;
      const h = direct.appendQueued('m', 1, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendSubmit(h, 'm', 2, 'default', '447700900123', 'NAZ', undefined, undefined, true);
      direct.appendSubmitted(h, 'm', 3, 1, ['x']);
      ledger.record(receipt('m', 4, 0, 1, 'ENROUTE'));
      ledger.record(receipt('m', 5, 0, 1));
      expect((await ledger.getMessage('m'))!.events.map((e) => e.type)).toEqual([
        'queued',
        'receipt',
        'receipt',
      ]);
    });

    it('writes a fact by id when its handle names a queued cell reused since, as record() would', async () => {
      const ledger = new InMemoryMessageLedger({ maxEvents: 3 });
      const direct = ledger.directWriter;
      const old = direct.appendQueued('old', 1, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendQueued('n1', 2, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendQueued('n2', 3, 'default', '447700900999', 'NAZ', undefined, undefined);
      direct.appendQueued('n3', 4, 'default', '447700900999', 'NAZ', undefined, undefined);
      // The 'old' queued cell now holds n3: the submit must not join n3's history. It names its message by id,
      // so it starts a history of its own (the message's start is forgotten), with its own destination.
      direct.appendSubmit(old, 'old', 5, 'default', '447700900123', 'NAZ', undefined, undefined, true);
      expect((await ledger.getMessage('n3'))!.events.map((e) => e.type)).toEqual(['queued']);
      expect(await ledger.getMessage('old')).toMatchObject({
        to: '447700900123',
        events: [{ type: 'submit', at: new Date(5) }],
      });
    });

    it('joins a fact by handle to a new history of its id when its message was evicted but its cell remains', async () => {
      const ledger = new InMemoryMessageLedger({ maxMessages: 1 });
      const direct = ledger.directWriter;
      const d = direct.appendQueued('d', 1, 'default', '447700900123', 'NAZ', undefined, undefined);
      direct.appendQueued('a', 2, 'default', '447700900999', 'NAZ', undefined, undefined);
      ledger.record({ type: 'retry', correlationId: 'd', at: 3, attempt: 1, reason: 'T', delayMs: 0 });
      // d's slot went to 'a' and came back by id for the retry; its submitted, by handle, joins that history.
      direct.appendSubmitted(d, 'd', 4, 1, ['m1']);
      expect((await ledger.getMessage('d'))!.events.map((e) => e.type)).toEqual(['retry', 'submitted']);
      expect(await ledger.getMessage('a')).toBeUndefined();
    });
  });
});
