import { describe, it, expect, afterEach } from '@jest/globals';
import type { SmppClient } from '../../lib/client/smpp-client.js';
import { InvalidMessageError } from '../../lib/client/errors/invalid-message.error.js';
import { SmscRequestError } from '../../lib/client/errors/smsc-request.error.js';
import { SubmitError } from '../../lib/client/errors/submit.error.js';
import { isNazErrorNamed } from '../../lib/errors/is-naz-error-named.js';
import type { InboundMessageEvent, FailedEvent } from '../../lib/client/client-events.interface.js';
import type { HookContext, ResponseHookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import type { RateLimiter } from '../../lib/rate-limit/rate-limiter.interface.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import { Reassembler } from '../../lib/protocol/long-message/reassembler.js';
import { partFromPdu } from '../../lib/protocol/long-message/part-from-pdu.js';
import { decodeReassembled } from '../../lib/protocol/long-message/decode-reassembled.js';
import type { ReassembledMessage } from '../../lib/protocol/long-message/reassembler.interface.js';
import type { SubmitSm } from '../../lib/protocol/pdu.types.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startClient, startSimulator, until } from './client-test-helpers.js';

describe('messages: long text, inbound, validation, rate limit, hooks', () => {
  let sim: SmscSimulator;
  let client: SmppClient;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 100 });
    await sim?.stop();
  });

  it('sends a long UCS-2 message with emoji that the SMSC joins back into the same text', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const reassembler = new Reassembler();
    const joined: ReassembledMessage[] = [];
    sim.on('submit', (m) => {
      const part = partFromPdu(m.pdu as SubmitSm);
      const done = part && reassembler.push(part);
      if (done) joined.push(done);
    });
    client = await startClient(sim);
    const text = 'Grüße aus Köln 😀🎉 — '.repeat(8) + 'Ende 👋';
    const result = await client.submit({ to: '447700900123', text });
    expect(result.messageIds.length).toBeGreaterThan(2);
    await until(() => joined.length === 1, 2000, 'joined message');
    expect(joined[0].dataCoding).toBe(8);
    expect(decodeReassembled(joined[0]).text).toBe(text);
  });

  it('reassembles a long inbound (MO) message before the message event, decoding its text', async () => {
    sim = await startSimulator();
    client = await startClient(sim);
    const messages: InboundMessageEvent[] = [];
    client.on('message', (m) => messages.push(m));
    await client.waitUntilBound(2000);
    const text = 'Привет! '.repeat(30);
    const parts = sim.sendMo({ text, source_addr: '447700900001', destination_addr: '1234' });
    expect(parts).toBeGreaterThan(1);
    await until(() => messages.length === 1, 2000, 'MO message');
    expect(messages[0]).toMatchObject({ from: '447700900001', to: '1234', text, dataCoding: 8 });
    // Every part's deliver_sm, in part order (UDH octet 5 is the part number, TS 23.040 §9.2.3.24.1).
    expect(messages[0]!.pdus).toHaveLength(parts);
    expect(messages[0]!.pdus.map((p) => ('short_message' in p ? p.short_message[5] : undefined))).toEqual(
      Array.from({ length: parts }, (_, i) => i + 1),
    );
  });

  it('answers inboundErrorStatus when an inbound handler throws, and reports a warning', async () => {
    sim = await startSimulator();
    client = await startClient(sim, { inboundErrorStatus: 0x65 });
    const warnings: string[] = [];
    client.on('warning', (w) => warnings.push(w.message));
    const seen: string[] = [];
    client.addInboundHandler('message', async (m) => {
      seen.push(m.text ?? '');
      throw new Error('database down');
    });
    await client.waitUntilBound(2000);
    sim.sendMo({ text: 'hello' });
    await until(() => sim.stats().deliverSmRespErrors === 1, 2000, 'error response');
    expect(seen).toEqual(['hello']);
    expect(
      warnings.some((w) => w.includes('message handler threw') && w.includes('ESME_RX_P_APPN (0x00000065)')),
    ).toBe(true);
  });

  it('rejects invalid messages in send() with a typed error naming the field; nothing reaches the wire', async () => {
    sim = await startSimulator();
    client = await startClient(sim);
    await expect(client.send({ to: '4477009001234567890123', text: 'x' })).rejects.toMatchObject({
      name: 'InvalidMessageError',
      field: 'destination_addr',
      message:
        'destination_addr "4477009001234567890123" is 22 characters; SMPP 3.4 allows at most 20 (§5.2.9)',
    });
    await expect(client.send({ to: '1', text: 'y'.repeat(2000) })).rejects.toMatchObject({
      field: 'text',
      rule: 'max-parts',
    });
    await expect(client.submit({ to: '1', text: 'Ω', dataCoding: 1 })).rejects.toBeInstanceOf(
      InvalidMessageError,
    );
    expect(sim.stats().received.submit_sm ?? 0).toBe(0);
  });

  it('fails an invalid message put in the queue by another producer: acked, failed event, never sent', async () => {
    sim = await startSimulator();
    const queue = new InMemoryOutboundQueue();
    client = await startClient(sim, {}, { queue });
    const failed: FailedEvent[] = [];
    client.on('failed', (e) => failed.push(e));
    await queue.enqueue({ to: '+44 7700 900123', text: 'from elsewhere', correlationId: 'bad-1' });
    await until(() => failed.length === 1, 2000, 'failure');
    expect(failed[0]).toMatchObject({ correlationId: 'bad-1', reason: 'InvalidMessageError', attempts: 1 });
    expect((failed[0].error as InvalidMessageError).field).toBe('destination_addr');
    expect(await queue.size()).toBe(0);
    expect(queue.unacknowledged).toBe(0);
    expect(sim.stats().received.submit_sm ?? 0).toBe(0);
  });

  it('asks the rate limiter for one token per part', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const asked: number[] = [];
    const limiter: RateLimiter = {
      acquire: (tokens) => {
        asked.push(tokens);
        return Promise.resolve();
      },
    };
    client = await startClient(sim, {}, { rateLimiter: limiter });
    await client.send({ to: '1', text: 'short' });
    await client.send({ to: '1', text: 'z'.repeat(153 * 2 + 1) }); // 3 parts in GSM 03.38
    await until(() => client.stats().accepted === 2, 2000, 'two messages');
    expect(asked).toEqual([1, 3]);
  });

  it('with a token bucket, a long message waits for tokens for all of its parts', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    client = await startClient(sim, { rateLimit: { perSecond: 50, burst: 2 } });
    await client.send({ to: '1', text: 'z'.repeat(153 * 3) }); // 3 parts, burst 2: needs one refill
    await until(() => client.stats().accepted === 1, 3000, 'accepted');
    expect(sim.stats().received.submit_sm).toBe(3);
  });

  it('calls hooks with the correlation id and metadata; a throwing hook does not stop sending', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const before: HookContext[] = [];
    const after: ResponseHookContext[] = [];
    client = await startClient(
      sim,
      {},
      {
        hooks: {
          beforeRequest: (ctx) => {
            before.push(ctx);
            throw new Error('hook bug');
          },
          afterResponse: async (ctx) => {
            after.push(ctx);
            throw new Error('async hook bug');
          },
        },
      },
    );
    const warnings: string[] = [];
    client.on('warning', (w) => warnings.push(w.message));
    // Each submit_sm_resp comes 40 ms late: afterResponse's elapsedMs must show it.
    sim.setFaults({ responseDelayMs: 40 });
    await client.send({ to: '1', text: 'hooked', correlationId: 'h-1', metadata: { tenant: 'a' } });
    await client.send({ to: '1', text: 'hooked too', correlationId: 'h-2' });
    const submits = <T extends HookContext>(list: T[]) =>
      list.filter((c) => c.request.command === 'submit_sm');
    await until(() => client.stats().accepted === 2 && submits(after).length === 2, 2000, 'accepted');
    expect(submits(before)[0]).toMatchObject({
      client: 'default',
      correlationId: 'h-1',
      metadata: { tenant: 'a' },
    });
    expect(submits(after)[0]).toMatchObject({
      correlationId: 'h-1',
      response: { command: 'submit_sm_resp' },
    });
    for (const ctx of submits(after)) expect(ctx.elapsedMs).toBeGreaterThanOrEqual(39);
    // The bind went through the same (throwing) hooks: 2 warnings for it, 4 for the submits, none fatal.
    expect(before[0].request.command).toBe('bind_transceiver');
    await until(() => warnings.filter((w) => w.startsWith('hook')).length === 6, 2000, 'hook warnings');
  });

  it('query, replace and cancel a message still en route', async () => {
    sim = await startSimulator({ receipts: { delayMs: 60_000 } });
    client = await startClient(sim);
    const { messageIds } = await client.submit({ to: '447700900123', text: 'to be replaced' });
    const status = await client.query(messageIds[0]);
    expect(status).toMatchObject({ command: 'query_sm_resp', message_state: 1 }); // ENROUTE
    await client.replace(messageIds[0], { text: 'replaced' });
    await client.cancel(messageIds[0], { destinationAddr: '447700900123' });
    // Not a message's submit: an SmscRequestError (SubmitError's parent), named for the request.
    const error = await client.cancel(messageIds[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmscRequestError);
    expect(error).not.toBeInstanceOf(SubmitError);
    expect(error).toMatchObject({ name: 'SmscRequestError', command: 'cancel_sm' });
    expect(isNazErrorNamed(error, 'SmscRequestError')).toBe(true);
  });
});
