import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionsError } from '../../lib/client/errors/invalid-options.error.js';
import { SmppClient } from '../../lib/client/smpp-client.js';
import type { StopResult } from '../../lib/client/stop-result.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CapturingLogger, clientOptions, startSimulator, until } from './client-test-helpers.js';

/** A port nothing listens on: listened on (port 0), read back, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('stop() never drops unsent messages in silence', () => {
  let dir: string;
  let dead: number;
  let sim: SmscSimulator | undefined;
  const clients: SmppClient[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'naz-spill-'));
    dead = await deadPort();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop({ drainTimeoutMs: 0 });
    await sim?.stop();
    sim = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A client for a dead SMSC: everything sent stays queued. */
  function downClient(extra: Parameters<typeof clientOptions>[1] = {}) {
    const logger = new CapturingLogger();
    const client = new SmppClient(clientOptions({ port: dead }, extra), { logger });
    clients.push(client);
    return { client, logger };
  }

  it('SMSC down: stop() resolves with the queued messages, warns naming them, and emits stopped', async () => {
    const { client, logger } = downClient();
    const events: StopResult[] = [];
    client.on('stopped', (e) => events.push(e));
    await client.start();
    for (const id of ['order-1', 'order-2', 'order-3']) {
      await client.send({ to: '447700900123', text: `hello ${id}`, correlationId: id });
    }
    const result = await client.stop({ drainTimeoutMs: 0 });

    expect(result.unsent.map((m) => m.correlationId)).toEqual(['order-1', 'order-2', 'order-3']);
    expect(result.unsent[0]).toMatchObject({ to: '447700900123', text: 'hello order-1' });
    expect(result.spillFile).toBeUndefined();
    expect(events).toEqual([result]);
    const warning = logger.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.level === 'warn' && String(l.message).startsWith('stop:'));
    expect(warning?.message).toMatch(
      /^stop: 3 message\(s\) still queued were not sent \(order-1, order-2, order-3\)/,
    );
    expect(warning).toMatchObject({ unsent: 3, correlationIds: ['order-1', 'order-2', 'order-3'] });
    const stopped = logger.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.message === 'client stopped');
    expect(stopped).toMatchObject({ submitted: 0, failed: 0, unsent: 3 });
  });

  it('a message in flight when the drain times out is reported unsent too', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const logger = new CapturingLogger();
    const client = new SmppClient(clientOptions(sim, { responseTimeoutMs: 30_000 }), { logger });
    clients.push(client);
    await client.start();
    await client.waitUntilBound(5000);
    sim.setFaults({ responseDelayMs: 10_000 });
    await client.send({ to: '447700900123', text: 'slow', correlationId: 'slow-1' });
    await until(() => client.stats().inFlight === 1, 5000, 'the message in flight');
    const result = await client.stop({ drainTimeoutMs: 50 });
    expect(result.unsent.map((m) => m.correlationId)).toEqual(['slow-1']);
  });

  it('spillFile: written at stop in the queue format, queued again and sent at the next start, then removed', async () => {
    const file = join(dir, 'unsent.jsonl');
    const first = downClient({ spillFile: file });
    await first.client.start();
    await first.client.send({
      to: '447700900123',
      text: 'first',
      correlationId: 'spill-1',
      metadata: { tenant: 't1' },
    });
    await first.client.send({
      to: '447700900124',
      bytes: Buffer.from([0, 1, 2, 0xff]),
      correlationId: 'spill-2',
    });
    const result = await first.client.stop({ drainTimeoutMs: 0 });
    expect(result.spillFile).toBe(file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        v: 1,
        correlationId: 'spill-1',
        to: '447700900123',
        text: 'first',
        metadata: { tenant: 't1' },
      }),
      expect.objectContaining({ v: 1, correlationId: 'spill-2', to: '447700900124', bytes: 'AAEC/w==' }),
    ]);
    expect(first.logger.lines.join('\n')).toContain(`written to the spill file ${file}`);

    sim = await startSimulator({ receipts: { enabled: false } });
    const received: string[] = [];
    sim.on('submit', (m) => {
      if ('destination_addr' in m.pdu) received.push(m.pdu.destination_addr);
    });
    const logger = new CapturingLogger();
    const second = new SmppClient(clientOptions(sim, { spillFile: file }), { logger });
    clients.push(second);
    const accepted: Array<{ id: string; metadata?: Record<string, unknown> }> = [];
    second.on('submitted', (e) => accepted.push({ id: e.correlationId, metadata: e.metadata }));
    await second.start();
    expect(existsSync(file)).toBe(false);
    await until(() => accepted.length === 2, 5000, 'both spilled messages accepted');
    expect(accepted).toEqual([
      { id: 'spill-1', metadata: { tenant: 't1' } },
      { id: 'spill-2', metadata: undefined },
    ]);
    expect(received.sort()).toEqual(['447700900123', '447700900124']);
    expect(logger.lines.join('\n')).toContain('2 message(s) queued again');
    const after = await second.stop({ drainTimeoutMs: 1000 });
    expect(after.unsent).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('spillFile with unreadable lines: the readable ones are queued, the file is kept aside and named', async () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ v: 1, correlationId: 'ok-1', to: '447700900123', text: 'ok' })}\nnot json\n`,
    );
    const { client, logger } = downClient({ spillFile: file });
    await client.start();
    expect(client.stats().queueDepth).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).some((name) => name.startsWith('mixed.jsonl.unreadable-'))).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/1 line\(s\) are not valid queue items \(first: line 2/);
  });

  it('spillFile with a queue of your own is refused at construction', () => {
    const queue = { enqueue: () => Promise.resolve(), receive: () => Promise.resolve([]) };
    expect(
      () => new SmppClient(clientOptions({ port: dead }, { spillFile: join(dir, 'x.jsonl') }), { queue }),
    ).toThrow(InvalidOptionsError);
  });
});
