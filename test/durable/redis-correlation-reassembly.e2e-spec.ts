import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { CorrelationEntry } from '../../lib/correlation/correlator.interface.js';
import { RedisCorrelator } from '../../lib/correlation/redis/redis-correlator.js';
import type { IncomingPart } from '../../lib/protocol/long-message/reassembler.interface.js';
import { RedisReassembler } from '../../lib/reassembly/redis-reassembler.js';
import { NAZ_CORRELATOR, NAZ_REASSEMBLER } from '../../lib/tokens.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';

let server: RedisTestServer;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  await server.stop();
});

const prefix = (): string => `t:${randomBytes(4).toString('hex')}:`;

function correlator(keyPrefix: string, ttlMs?: number): RedisCorrelator {
  const c = new RedisCorrelator({ connection: server.url, keyPrefix, ttlMs });
  opened.push(c);
  return c;
}

function reassembler(
  keyPrefix: string,
  options: { timeoutMs?: number; maxOpenSets?: number } = {},
): RedisReassembler {
  const r = new RedisReassembler({ connection: server.url, keyPrefix, ...options });
  opened.push(r);
  return r;
}

function entry(messageId: string, correlationId: string, partIndex = 0, partCount = 1): CorrelationEntry {
  return {
    messageId,
    correlationId,
    partIndex,
    partCount,
    submittedAt: 1_700_000_000_000,
    metadata: { tenant: 'acme' },
  };
}

describe('RedisCorrelator', () => {
  it('lets a receipt arriving on another replica find the message one replica sent', async () => {
    const p = prefix();
    const sender = correlator(p);
    const receiver = correlator(p);
    await sender.put(entry('5f3a', 'order-1'));
    expect(await receiver.get('5f3a')).toEqual(entry('5f3a', 'order-1'));
    expect(await receiver.get('unknown')).toBeUndefined();
    expect(receiver.health()).toMatchObject({ broker: 'redis', connected: true });
  });

  it('maps a correlationId to every part of a long message, in part order', async () => {
    const c = correlator(prefix());
    await c.put(entry('b', 'long-1', 1, 2));
    await c.put(entry('a', 'long-1', 0, 2));
    expect((await c.getByCorrelationId('long-1')).map((e) => e.messageId)).toEqual(['a', 'b']);
    await c.delete('a');
    expect(await c.get('a')).toBeUndefined();
    expect((await c.getByCorrelationId('long-1')).map((e) => e.messageId)).toEqual(['b']);
  });

  it('forgets entries after ttlMs', async () => {
    const c = correlator(prefix(), 150);
    await c.put(entry('x', 'gone'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await c.get('x')).toBeUndefined();
    expect(await c.getByCorrelationId('gone')).toEqual([]);
  });

  it('provider(): NAZ_CORRELATOR / NAZ_REASSEMBLER, with key prefixes per named client', async () => {
    const provider = RedisCorrelator.provider({ clientName: 'b', connection: server.url });
    expect(provider.provide).toBe(NAZ_CORRELATOR);
    const built = (await provider.useFactory(undefined)) as RedisCorrelator;
    expect(built.keyPrefix).toBe('naz:corr:b:');
    const reassemblerProvider = RedisReassembler.provider({ connection: server.url });
    expect(reassemblerProvider.provide).toBe(NAZ_REASSEMBLER);
    expect(((await reassemblerProvider.useFactory(undefined)) as RedisReassembler).keyPrefix).toBe(
      'naz:reasm:',
    );
  });
});

function part(reference: number, seq: number, total: number, text: string): IncomingPart {
  return {
    source: '254711000000',
    destination: '5555',
    scope: String(seq % 2), // parts arrive on two different binds
    concat: { method: 'udh8', reference, total, seq },
    payload: Buffer.from(text),
    headerLength: 6,
    dataCoding: 0,
  };
}

describe('RedisReassembler', () => {
  it('joins parts that arrive on different replicas and binds, in any order, ignoring duplicates', async () => {
    const p = prefix();
    const a = reassembler(p);
    const b = reassembler(p);
    expect(await a.push(part(7, 3, 3, 'three'))).toBeUndefined();
    expect(await b.push(part(7, 1, 3, 'one-'))).toBeUndefined();
    expect(await a.push(part(7, 1, 3, 'one-'))).toBeUndefined();
    const joined = await b.push(part(7, 2, 3, 'two-'));
    expect(joined?.bytes.toString()).toBe('one-two-three');
    expect(joined?.parts.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(joined).toMatchObject({
      source: '254711000000',
      destination: '5555',
      method: 'udh8',
      reference: 7,
      total: 3,
      dataCoding: 0,
    });
  });

  it('drops a retransmitted part of a completed message, but starts a new message when the reference wraps', async () => {
    const r = reassembler(prefix());
    await r.push(part(3, 1, 2, 'a'));
    expect((await r.push(part(3, 2, 2, 'b')))?.bytes.toString()).toBe('ab');
    expect(await r.push(part(3, 2, 2, 'b'))).toBeUndefined();
    expect(await r.push(part(3, 1, 2, 'c'))).toBeUndefined();
    expect((await r.push(part(3, 2, 2, 'd')))?.bytes.toString()).toBe('cd');
  });

  it('completes each message exactly once when replicas race on the last parts', async () => {
    const p = prefix();
    const replicas = [reassembler(p), reassembler(p), reassembler(p)];
    const pushes: Array<Promise<unknown>> = [];
    for (let ref = 0; ref < 40; ref++) {
      for (let seq = 1; seq <= 4; seq++) {
        // every part pushed twice, by two different replicas, all at once
        pushes.push(replicas[(ref + seq) % 3].push(part(ref, seq, 4, `${ref}.${seq};`)));
        pushes.push(replicas[(ref + seq + 1) % 3].push(part(ref, seq, 4, `${ref}.${seq};`)));
      }
    }
    const results = (await Promise.all(pushes)).filter((r) => r !== undefined) as Array<{
      reference: number;
      bytes: Buffer;
    }>;
    expect(results).toHaveLength(40);
    expect(new Set(results.map((r) => r.reference)).size).toBe(40);
    expect(results.find((r) => r.reference === 5)?.bytes.toString()).toBe('5.1;5.2;5.3;5.4;');
  });

  it('gives up sets older than timeoutMs, reported once with the missing parts', async () => {
    const p = prefix();
    // 800 ms: the push and the first sweep (two Redis round trips) must end before the set is due, even on a
    // loaded machine.
    const a = reassembler(p, { timeoutMs: 800 });
    const b = reassembler(p, { timeoutMs: 800 });
    await a.push(part(9, 2, 3, 'two'));
    expect(await a.sweep()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    const [fromA, fromB] = await Promise.all([a.sweep(), b.sweep()]);
    const reports = [...fromA, ...fromB];
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ reason: 'expired', reference: 9, received: [2], missing: [1, 3] });
    expect(reports[0].parts[0].payload.toString()).toBe('two');
    expect(a.flush()).toEqual([]);
  });

  it('evicts the oldest sets beyond maxOpenSets', async () => {
    const r = reassembler(prefix(), { maxOpenSets: 2 });
    for (let ref = 1; ref <= 3; ref++) {
      await r.push(part(ref, 1, 2, 'x'));
      await new Promise((res) => setTimeout(res, 5));
    }
    const reports = await r.sweep();
    expect(reports.map((x) => [x.reason, x.reference])).toEqual([['evicted', 1]]);
  });
});
