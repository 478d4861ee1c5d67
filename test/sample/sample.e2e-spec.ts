import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

// The sample reads its configuration from the environment: no SMSC_HOST → the embedded simulator, here with
// fast receipts and frequent MO messages.
delete process.env.SMSC_HOST;
delete process.env.HOST;
process.env.PORT = '0';
process.env.SIM_RECEIPT_DELAY_MS = '50';
process.env.SIM_MO_EVERY_MS = '200';

const { startSample } = await import('../../sample/start-sample.js');

let app: INestApplication;
/** The sample's real HTTP address, as `npm run start:sample` listens (HOST and PORT unset but PORT=0). */
let url: string;

beforeAll(async () => {
  app = await startSample(process.env, { logger: false });
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  url = `http://${address}:${port}`;
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
  it('listens on 127.0.0.1 when HOST is not set, not on every interface', () => {
    expect((app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('is healthy once bound to the embedded simulator', async () => {
    const res = await poll(
      () => request(url).get('/health'),
      (r) => r.status === 200,
      'health',
    );
    expect(res.body.info.smpp).toMatchObject({ status: 'up', state: 'bound' });
  });

  it('sends a message with POST /messages and reports it delivered at GET /messages/:id', async () => {
    const sent = await request(url)
      .post('/messages')
      .send({ to: '447700900123', from: 'NazSample', text: 'Hello from the e2e test' });
    expect(sent.status).toBe(202);
    expect(typeof sent.body.id).toBe('string');

    const res = await poll(
      () => request(url).get(`/messages/${sent.body.id}`),
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
    ['body', ['not', 'an', 'object']],
  ])('answers 400 naming %s when it is invalid', async (field, body) => {
    const res = await request(url).post('/messages').send(body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toContain(field);
  });

  it('answers invalid JSON with a 400 naming the body, shaped like every other 400', async () => {
    const res = await request(url)
      .post('/messages')
      .set('content-type', 'application/json')
      .send('{"to": "447700900123", "text": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field: 'body' });
    expect(res.body.message).toMatch(/^the body is not valid JSON \(.+\); send an object such as/);
  });

  it('says a numeric "to" must be a string, quoting how to write it', async () => {
    const res = await request(url)
      .post('/messages')
      .set('content-type', 'application/json')
      .send('{"to": 447700900123, "text": "hi"}');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'to' });
    expect(res.body.message).toBe(
      '"to" must be a string of digits, not a JSON number: write "to": "447700900123" (got the number 447700900123)',
    );
  });

  it('shows the receipt of every part of a long message, in part order', async () => {
    const text = 'A long message for the receipts of each part. '.repeat(8); // 376 GSM characters: 3 parts of 153
    const sent = await request(url).post('/messages').send({ to: '447700900125', text });
    expect(sent.status).toBe(202);
    const res = await poll(
      () => request(url).get(`/messages/${sent.body.id}`),
      (r) => r.body.status === 'delivered' || r.body.status === 'failed',
      'every part delivered',
    );
    expect(res.body.status).toBe('delivered');
    expect(res.body.messageIds).toHaveLength(3);
    expect(res.body.receipts).toEqual(
      res.body.messageIds.map((messageId: string, index: number) =>
        // The ledger's parts count from 0, as its events do.
        expect.objectContaining({ part: index, messageId, state: 'DELIVRD' }),
      ),
    );
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
        () => request(url).get(`/messages/${id}`),
        (r) => r.body.status === 'delivered' || r.body.status === 'failed',
        `demo message ${id} delivered`,
      );
      expect(res.body.status).toBe('delivered');
    }
    // The whole history of the long message: every part's message id and every part's receipt.
    const long = await request(url).get(`/messages/${demo.correlationIds[1]}`);
    expect(long.body.messageIds).toHaveLength(3);
    expect(long.body.receipts.map((r: { part: number; state: string }) => [r.part, r.state])).toEqual([
      [0, 'DELIVRD'],
      [1, 'DELIVRD'],
      [2, 'DELIVRD'],
    ]);
  });

  it('answers 404 for an unknown message id', async () => {
    expect((await request(url).get('/messages/nope')).status).toBe(404);
  });

  it('lists the simulator’s MO messages at GET /inbound', async () => {
    const res = await poll(
      () => request(url).get('/inbound'),
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
