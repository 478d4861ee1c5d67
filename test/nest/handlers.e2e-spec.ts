import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Controller, Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { filter, firstValueFrom } from 'rxjs';
import {
  NAZ_LOGGER,
  NazModule,
  OnDeliverSm,
  OnDeliveryReceipt,
  OnPdu,
  OnSessionState,
  OnSubmitResult,
  SmppClientService,
  type PduEvent,
  type SessionStateEvent,
  type SubmitResultEvent,
} from '../../lib/nest/index.js';
import type { DeliveryReceiptEvent, InboundMessageEvent } from '../../lib/client/client-events.interface.js';
import type { SmscSimulator } from '../../lib/simulator/index.js';
import { RecordingLogger, clientOptionsFor, startSimulator, waitFor } from './helpers.js';

@Injectable()
class Handlers {
  readonly messages: InboundMessageEvent[] = [];
  readonly shortCode: InboundMessageEvent[] = [];
  readonly receipts: DeliveryReceiptEvent[] = [];
  readonly results: SubmitResultEvent[] = [];
  readonly states: SessionStateEvent[] = [];
  readonly pdus: PduEvent[] = [];
  /** When set, inbound handling waits for it (to observe the deliver_sm_resp waiting). */
  gate: Promise<void> | undefined;

  @OnDeliverSm()
  async onMessage(message: InboundMessageEvent) {
    if (this.gate) await this.gate;
    this.messages.push(message);
  }
  @OnDeliverSm({ to: '5555' })
  onShortCode(message: InboundMessageEvent) {
    this.shortCode.push(message);
  }
  @OnDeliverSm()
  onBoom(message: InboundMessageEvent) {
    if (message.text?.includes('boom')) throw new Error('handler exploded');
  }
  @OnDeliveryReceipt()
  onReceipt(receipt: DeliveryReceiptEvent) {
    this.receipts.push(receipt);
  }
  @OnSubmitResult()
  onResult(result: SubmitResultEvent) {
    this.results.push(result);
  }
  @OnSubmitResult()
  onResultThrows(result: SubmitResultEvent) {
    if (result.metadata?.explode === 'sync') throw new Error('result handler exploded');
  }
  @OnSubmitResult()
  async onResultRejects(result: SubmitResultEvent) {
    await Promise.resolve();
    if (result.metadata?.explode === 'async') throw new Error('result handler rejected');
  }
  @OnSessionState()
  onState(change: SessionStateEvent) {
    this.states.push(change);
  }
  @OnPdu('deliver_sm')
  onDeliverSmPdu(event: PduEvent) {
    this.pdus.push(event);
  }
}

@Controller()
class InboxController {
  readonly messages: InboundMessageEvent[] = [];
  @OnDeliverSm()
  onMessage(message: InboundMessageEvent) {
    this.messages.push(message);
  }
}

let sim: SmscSimulator;
let moduleRef: TestingModule;
let handlers: Handlers;
let smpp: SmppClientService;
const logger = new RecordingLogger();

beforeAll(async () => {
  sim = await startSimulator();
  moduleRef = await Test.createTestingModule({
    imports: [
      NazModule.forRoot({
        ...clientOptionsFor(sim),
        // ESME_RMSGQFUL made permanent: the refusal test needs a final failure without a backoff.
        retry: { transientStatuses: ['ESME_RTHROTTLED'] },
        extraProviders: [{ provide: NAZ_LOGGER, useValue: logger }],
      }),
    ],
    controllers: [InboxController],
    providers: [Handlers],
  }).compile();
  await moduleRef.init();
  handlers = moduleRef.get(Handlers);
  smpp = moduleRef.get(SmppClientService);
  await smpp.waitUntilBound(3000);
});
afterAll(async () => {
  await moduleRef?.close();
  await sim?.stop();
});

describe('handler decorators', () => {
  it('@OnSessionState() sees the session bind', () => {
    expect(handlers.states.map((s) => s.current)).toContain('bound');
    expect(handlers.states.every((s) => s.client === 'default')).toBe(true);
  });

  it('@OnSubmitResult() and @OnDeliveryReceipt() follow a message to its receipt, with correlationId and metadata', async () => {
    const { correlationId } = await smpp.send({
      to: '447700900010',
      text: 'track me',
      metadata: { order: 42 },
    });
    await waitFor(() => handlers.receipts.some((r) => r.correlationId === correlationId), 'the receipt');
    const result = handlers.results.find((r) => r.correlationId === correlationId);
    expect(result).toMatchObject({ status: 'submitted', client: 'default' });
    expect(result?.status === 'submitted' && result.messageIds).toHaveLength(1);
    const receipt = handlers.receipts.find((r) => r.correlationId === correlationId)!;
    expect(receipt.metadata).toEqual({ order: 42 });
    expect(receipt.receipt.state).toBe('DELIVRD');
  });

  it('@OnSubmitResult() reports a message the SMSC refuses for good', async () => {
    sim.setFaults({ queueFullEveryNth: 1 });
    try {
      const { correlationId } = await smpp.send({ to: '447700900011', text: 'refused' });
      await waitFor(() => handlers.results.some((r) => r.correlationId === correlationId), 'the failure');
      expect(handlers.results.find((r) => r.correlationId === correlationId)).toMatchObject({
        status: 'failed',
      });
    } finally {
      sim.clearFaults();
    }
  });

  it('@OnDeliverSm() gets inbound messages, long ones joined, on every matching handler (providers and controllers)', async () => {
    const longText = 'A long mobile-originated message. '.repeat(8);
    const pdusBefore = handlers.pdus.length;
    sim.sendMo({ source_addr: '447700900999', destination_addr: '1234', text: longText });
    await waitFor(() => handlers.messages.some((m) => m.text === longText), 'the joined message');
    const message = handlers.messages.find((m) => m.text === longText)!;
    expect(message).toMatchObject({ from: '447700900999', to: '1234', client: 'default' });
    await waitFor(
      () => moduleRef.get(InboxController).messages.some((m) => m.text === longText),
      'the controller handler',
    );
    // @OnPdu('deliver_sm') saw each part (272 GSM characters take two).
    expect(handlers.pdus.length - pdusBefore).toBeGreaterThanOrEqual(2);
  });

  it('filters handlers by destination address', async () => {
    sim.sendMo({ destination_addr: '5555', text: 'to the short code' });
    sim.sendMo({ destination_addr: '6666', text: 'elsewhere' });
    await waitFor(() => handlers.messages.some((m) => m.text === 'elsewhere'), 'both messages');
    await waitFor(() => handlers.messages.some((m) => m.text === 'to the short code'), 'both messages');
    expect(handlers.shortCode.map((m) => m.text)).toEqual(['to the short code']);
  });

  it('awaits async handlers before the deliver_sm_resp goes out', async () => {
    // The earlier tests' deliver_sm (MO and receipts) may still be unanswered or not yet sent: wait until the
    // simulator has nothing left to send and every deliver_sm it sent has its response, so the baseline counts
    // them all.
    await waitFor(() => {
      const { sent, received, receiptsPending, deliverSmQueued } = sim.stats();
      return (
        receiptsPending === 0 &&
        deliverSmQueued === 0 &&
        (received.deliver_sm_resp ?? 0) === (sent.deliver_sm ?? 0)
      );
    }, 'the earlier deliver_sm answered');
    let open!: () => void;
    handlers.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      const respsBefore = sim.stats().received.deliver_sm_resp ?? 0;
      sim.sendMo({ text: 'held' });
      await waitFor(
        () =>
          handlers.pdus.some(
            (p) => 'short_message' in p.pdu && p.pdu.short_message.toString().includes('held'),
          ),
        'the PDU',
      );
      await new Promise((r) => setTimeout(r, 150));
      expect(sim.stats().received.deliver_sm_resp ?? 0).toBe(respsBefore);
      handlers.gate = undefined;
      open();
      await waitFor(
        () => (sim.stats().received.deliver_sm_resp ?? 0) === respsBefore + 1,
        'the deliver_sm_resp',
      );
    } finally {
      // A failed expectation must not leave the gate shut on the tests that follow.
      handlers.gate = undefined;
      open();
    }
  });

  it('logs a throwing handler, answers inboundErrorStatus, and keeps the session going', async () => {
    const errorsBefore = sim.stats().deliverSmRespErrors;
    sim.sendMo({ text: 'boom' });
    await waitFor(() => sim.stats().deliverSmRespErrors === errorsBefore + 1, 'the error response');
    const entry = logger.entries.find((e) => e.level === 'error' && e.message.includes('Handlers.onBoom'));
    expect(entry?.fields).toMatchObject({
      handler: 'Handlers.onBoom',
      error: { message: 'handler exploded' },
    });
    // The other handlers still got the message, and the session still works.
    expect(handlers.messages.some((m) => m.text === 'boom')).toBe(true);
    expect(smpp.isBound()).toBe(true);
    sim.sendMo({ text: 'after the boom' });
    await waitFor(() => handlers.messages.some((m) => m.text === 'after the boom'), 'the next message');
  });

  it('logs an @OnSubmitResult() handler that throws or rejects; the other handlers and the client carry on', async () => {
    const sync = await smpp.send({ to: '447700900013', text: 'x', metadata: { explode: 'sync' } });
    const async_ = await smpp.send({ to: '447700900014', text: 'y', metadata: { explode: 'async' } });
    const logged = (handler: string) =>
      logger.entries.find((e) => e.level === 'error' && e.fields?.handler === handler);
    await waitFor(() => logged('Handlers.onResultThrows') !== undefined, 'the thrown error logged');
    await waitFor(() => logged('Handlers.onResultRejects') !== undefined, 'the rejection logged');
    expect(logged('Handlers.onResultThrows')?.fields).toMatchObject({
      error: { message: 'result handler exploded' },
    });
    expect(logged('Handlers.onResultRejects')?.fields).toMatchObject({
      error: { message: 'result handler rejected' },
    });
    // The recording handler still saw both results, and the client still sends.
    for (const { correlationId } of [sync, async_]) {
      await waitFor(() => handlers.results.some((r) => r.correlationId === correlationId), 'the result');
    }
    const after = await smpp.send({ to: '447700900015', text: 'z' });
    await waitFor(() => handlers.results.some((r) => r.correlationId === after.correlationId), 'the next');
    expect(handlers.results.find((r) => r.correlationId === sync.correlationId)).toMatchObject({
      status: 'submitted',
      client: 'default',
      attempts: 1,
      metadata: { explode: 'sync' },
    });
  });

  it('streams every event through events$', async () => {
    const submitted = firstValueFrom(smpp.events$.pipe(filter((e) => e.type === 'submitted')));
    const { correlationId } = await smpp.send({ to: '447700900012', text: 'observed' });
    const event = await submitted;
    expect(event.type === 'submitted' && event.payload.correlationId).toBe(correlationId);
  });
});
