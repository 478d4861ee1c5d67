import { Test, TestingModule } from '@nestjs/testing';
import { NazModule, isNazError, SubmitError } from 'nestjs-naz';
import { SmscSimulator } from 'nestjs-naz/simulator';
import { MessagesController } from './messages.controller.js';
import { SmsEvents } from './sms-events.service.js';

describe('MessagesController', () => {
  let sim: SmscSimulator;
  let app: TestingModule;

  beforeAll(async () => {
    sim = await SmscSimulator.start({ receipts: { delayMs: 10, states: { DELIVRD: 1 } } });
    app = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({
          host: '127.0.0.1',
          port: sim.port,
          systemId: 'jest',
          password: 'secret',
          defaults: { registeredDelivery: true },
        }),
      ],
      controllers: [MessagesController],
      providers: [SmsEvents],
    }).compile();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await sim.stop();
  });

  it('queues a message and receives its delivery receipt', async () => {
    const { correlationId } = await app.get(MessagesController).send({ to: '447700900123', text: 'Hello' });
    const events = app.get(SmsEvents);
    for (let i = 0; i < 200 && events.receipts.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(events.receipts.map((e) => [e.correlationId, e.receipt.state])).toEqual([
      [correlationId, 'DELIVRD'],
    ]);
  });

  it('recognises the library errors', () => {
    const error = new SubmitError({
      commandStatus: 0x0b,
      statusName: 'ESME_RINVDSTADR',
      partIndex: 0,
      partCount: 1,
    });
    expect(isNazError(error)).toBe(true);
    expect(error).toBeInstanceOf(SubmitError);
  });
});
