import { randomBytes } from 'node:crypto';
import { Completion } from '../drivers/completion.js';
import { produce } from '../drivers/naz-engine.driver.js';
import { producerLead } from '../drivers/producer-lead.js';
import type { RunResult } from './run-result.js';
import { RunMeter } from './measure.js';

interface RawChannel {
  assertQueue(queue: string, options: { durable: boolean }): Promise<unknown>;
  prefetch(count: number, global?: boolean): Promise<unknown>;
  consume(
    queue: string,
    onMessage: (m: RawMessage | null) => void,
    options: { noAck: false },
  ): Promise<unknown>;
  ack(message: RawMessage, allUpTo?: boolean): void;
  sendToQueue(queue: string, body: Buffer, options: object, callback: (error: unknown) => void): boolean;
  close(): Promise<void>;
}
interface RawMessage {
  content: Buffer;
}
interface RawConnection {
  createChannel(): Promise<RawChannel>;
  createConfirmChannel(): Promise<RawChannel>;
  close(): Promise<void>;
}

/**
 * The bound of the durable pipeline: amqplib alone doing what `RabbitMqOutboundQueue` does per message, with no
 * SMPP and no queue class. Persistent messages published on a confirm channel (resolved per message on the
 * broker's confirm, at most 256 unresolved, the producer a bounded lead ahead as the engine driver's), one
 * consumer with a prefetch of twice the window, acks batched per turn (`allUpTo`). Completion = acked.
 */
export async function rawAmqpLoop(
  connect: (url: string) => Promise<unknown>,
  url: string,
  window: number,
  messages: number,
  measured: () => void,
): Promise<RunResult> {
  const connection = (await connect(url)) as RawConnection;
  const publish = await connection.createConfirmChannel();
  const consume = await connection.createChannel();
  const queue = `bench.raw.${randomBytes(4).toString('hex')}`;
  await publish.assertQueue(queue, { durable: true });
  await consume.prefetch(2 * window, true);
  const completion = new Completion(messages);
  let last: RawMessage | undefined;
  let pending = 0;
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    if (last) consume.ack(last, true);
    last = undefined;
    for (; pending > 0; pending--) completion.tick();
  };
  await consume.consume(
    queue,
    (message) => {
      if (!message) return;
      last = message;
      pending++;
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    { noAck: false },
  );
  const options = {
    persistent: true,
    contentType: 'application/json',
    type: 'naz.outbound.v1',
    headers: { 'x-naz-attempt': 1 },
  };
  const meter = new RunMeter(messages);
  measured();
  meter.start();
  let i = 0;
  await produce(
    messages,
    completion,
    (text) =>
      new Promise<void>((resolve, reject) => {
        const body = Buffer.from(
          JSON.stringify({ correlationId: `m${i}`, to: '447700900123', text, enqueuedAt: Date.now() }),
        );
        publish.sendToQueue(queue, body, { ...options, messageId: `m${i++}`, timestamp: 0 }, (error) =>
          error ? reject(error as Error) : resolve(),
        );
      }),
    producerLead(window),
  );
  await completion.all;
  const result = meter.finish();
  await consume.close();
  await publish.close();
  await connection.close();
  return result;
}
