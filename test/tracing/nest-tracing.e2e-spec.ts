import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { NazModule, SmppClientService } from '../../lib/nest/index.js';
import type { SmscSimulator } from '../../lib/simulator/index.js';
import { clientOptionsFor, startSimulator, waitFor } from '../nest/helpers.js';
import { inMemoryTracing, spansNamed } from './tracing-test-helpers.js';

describe('NazModule.forRoot({ tracing })', () => {
  let sim: SmscSimulator;
  let moduleRef: TestingModule | undefined;
  const { provider, exporter } = inMemoryTracing();

  beforeAll(async () => {
    sim = await startSimulator({ receipts: { delayMs: 0 } });
  });
  afterAll(async () => {
    await moduleRef?.close();
    await sim.stop();
    await provider.shutdown();
  });

  it('traces a message sent through SmppClientService from send to its receipt', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [NazModule.forRoot({ ...clientOptionsFor(sim), tracing: { tracerProvider: provider } })],
    }).compile();
    await moduleRef.init();
    const sms = moduleRef.get(SmppClientService);
    await sms.send({ to: '447700900123', text: 'hi', correlationId: 'nest-1', registeredDelivery: true });
    await waitFor(() => spansNamed(exporter, 'receipt smpp').length === 1, 'the receipt span', 10_000);

    const [send] = spansNamed(exporter, 'send smpp');
    const [process] = spansNamed(exporter, 'process smpp');
    const [submit] = spansNamed(exporter, 'submit_sm');
    const [receipt] = spansNamed(exporter, 'receipt smpp');
    const traceId = send.spanContext().traceId;
    expect([process, submit, receipt].map((s) => s.spanContext().traceId)).toEqual([
      traceId,
      traceId,
      traceId,
    ]);
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(submit.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(receipt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(process.attributes).toMatchObject({
      'smpp.outcome': 'submitted',
      'messaging.message.conversation_id': 'nest-1',
      'smpp.system_id': 'test',
    });
  });

  it('refuses a tracing option of the wrong type, naming it', async () => {
    const compiling = Test.createTestingModule({
      imports: [NazModule.forRoot({ ...clientOptionsFor(sim), tracing: 'yes' as never })],
    }).compile();
    await expect(compiling).rejects.toThrow(
      /tracing must be true, false or \{ captureText\?, tracerProvider\? \}/,
    );
  });
});
