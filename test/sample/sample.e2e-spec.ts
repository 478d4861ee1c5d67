import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

// The sample reads its configuration from the environment: no SMSC_HOST → the embedded simulator, here with
// fast receipts and frequent MO messages.
delete process.env.SMSC_HOST;
process.env.SIM_RECEIPT_DELAY_MS = '50';
process.env.SIM_MO_EVERY_MS = '200';

const { AppModule } = await import('../../sample/app.module.js');

let app: INestApplication;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(async () => {
  await app?.close();
});

async function poll<T>(
  fetch: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fetch();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sample app', () => {
  it('is healthy once bound to the embedded simulator', async () => {
    const res = await poll(
      () => request(app.getHttpServer()).get('/health'),
      (r) => r.status === 200,
      'health',
    );
    expect(res.body.info.smpp).toMatchObject({ status: 'up', state: 'bound' });
  });

  it('sends a message with POST /messages and reports it delivered at GET /messages/:id', async () => {
    const sent = await request(app.getHttpServer())
      .post('/messages')
      .send({ to: '447700900123', from: 'NazSample', text: 'Hello from the e2e test' });
    expect(sent.status).toBe(202);
    expect(typeof sent.body.id).toBe('string');

    const res = await poll(
      () => request(app.getHttpServer()).get(`/messages/${sent.body.id}`),
      (r) => r.body.status === 'delivered' || r.body.status === 'failed',
      'delivery',
    );
    expect(res.body).toMatchObject({
      id: sent.body.id,
      status: 'delivered',
      final: true,
      to: '447700900123',
      text: 'Hello from the e2e test',
      receipts: [{ part: 0, state: 'DELIVRD' }],
    });
    expect(res.body.messageIds).toHaveLength(1);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      'queued',
      'submit',
      'submitted',
      'receipt',
    ]);
  });

  it.each([
    ['to', { text: 'no destination' }],
    ['to', { to: '+44 7700 900123', text: 'spaces' }],
    ['text', { to: '447700900123' }],
    ['from', { to: '447700900123', from: 'a sender far too long for SMPP', text: 'x' }],
  ])('answers 400 naming %s when it is invalid', async (field, body) => {
    const res = await request(app.getHttpServer()).post('/messages').send(body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toContain(field);
  });

  it('sends its demo messages on start and follows them to delivered', async () => {
    const { DemoTraffic } = await import('../../sample/messages/demo-traffic.service.js');
    const demo = app.get(DemoTraffic);
    await poll(
      () => Promise.resolve(demo.correlationIds),
      (ids) => ids.length === 2,
      'two demo messages queued',
    );
    for (const id of demo.correlationIds) {
      const res = await poll(
        () => request(app.getHttpServer()).get(`/messages/${id}`),
        (r) => r.body.status === 'delivered' || r.body.status === 'failed',
        `demo message ${id} delivered`,
      );
      expect(res.body.status).toBe('delivered');
    }
    // The whole history of the long message: every part's message id and every part's receipt.
    const long = await request(app.getHttpServer()).get(`/messages/${demo.correlationIds[1]}`);
    expect(long.body.messageIds).toHaveLength(3);
    expect(long.body.receipts.map((r: { part: number; state: string }) => [r.part, r.state])).toEqual([
      [0, 'DELIVRD'],
      [1, 'DELIVRD'],
      [2, 'DELIVRD'],
    ]);
  });

  it('answers 404 for an unknown message id', async () => {
    expect((await request(app.getHttpServer()).get('/messages/nope')).status).toBe(404);
  });

  it('lists the simulator’s MO messages at GET /inbound', async () => {
    const res = await poll(
      () => request(app.getHttpServer()).get('/inbound'),
      (r) => r.body.length > 0,
      'an MO message',
    );
    expect(res.body[0]).toMatchObject({
      from: '447700900123',
      to: '1234',
      text: expect.stringContaining('MO message'),
    });
  });
});
