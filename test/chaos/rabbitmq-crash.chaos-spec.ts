import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startReplica, waitFor, type ReplicaProcess } from '../durable/support/replica-process.js';
import { startRabbitMqServer, type RabbitMqTestServer } from '../support/rabbitmq-server.js';
import { startRedisServer, type RedisTestServer } from '../support/redis-server.js';
import { CHAOS_FULL, delay, scaled } from './support/chaos-env.js';
import { CrashFate, expectOneFateEach } from './support/crash-fate.js';
import { recordFate } from './support/fate-table.js';

const COUNT = scaled(1_000, 20_000);
/** The fault hits once this share of the messages was accepted. */
const FAULT_AT = 0.3;
const WINDOW = 20;

let rabbit: RabbitMqTestServer;
/** Holds the correlations only: receipts find their message whichever replica gets them. */
let redis: RedisTestServer;
let sim: SmscSimulator;
const replicas: ReplicaProcess[] = [];

beforeAll(async () => {
  [rabbit, redis] = await Promise.all([startRabbitMqServer(), startRedisServer()]);
  sim = await SmscSimulator.start({ receipts: { enabled: true, delayMs: 50 } });
}, 90_000);

afterAll(async () => {
  await probe?.then(({ connection }) => connection.close()).catch(() => undefined);
  await Promise.all(replicas.map((r) => r.kill()));
  await sim?.stop();
  await Promise.all([rabbit?.stop(), redis?.stop()]);
}, 30_000);

function replica(queue: string): ReplicaProcess {
  const r = startReplica({
    BROKER: 'rabbitmq',
    BROKER_URL: rabbit.url,
    QUEUE: queue,
    NAME: `chaos-${replicas.length}`,
    SMSC_PORT: String(sim.port),
    WINDOW: String(WINDOW),
    RECEIPTS: '1',
    REDIS_URL: redis.url,
    REPORT_SUBMITTED: '1',
  });
  replicas.push(r);
  return r;
}

/** A connection of the test's own, to count and read queues; reopened after a broker restart. */
async function withChannel<T>(use: (channel: amqp.Channel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(rabbit.url);
  try {
    return await use(await connection.createChannel());
  } finally {
    await connection.close().catch(() => undefined);
  }
}

let probe: Promise<{ connection: amqp.ChannelModel; channel: amqp.Channel }> | undefined;

/** Messages ready in `queue`, or -1 while the broker does not answer (one connection, reopened when lost). */
async function ready(queue: string): Promise<number> {
  try {
    probe ??= amqp.connect(rabbit.url).then(async (connection) => {
      connection.on('error', () => undefined);
      connection.on('close', () => (probe = undefined));
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => (probe = undefined));
      return { connection, channel };
    });
    return (await (await probe).channel.checkQueue(queue)).messageCount;
  } catch {
    probe = undefined;
    return -1;
  }
}

async function deadLettered(queue: string): Promise<string[]> {
  return withChannel(async (channel) => {
    const ids: string[] = [];
    for (;;) {
      const message = await channel.get(`${queue}.dead`, { noAck: true });
      if (message === false) return ids;
      ids.push((JSON.parse(message.content.toString('utf8')) as { correlationId: string }).correlationId);
    }
  });
}

async function enqueueAll(queue: string, fate: CrashFate): Promise<void> {
  const producer = new RabbitMqOutboundQueue({ url: rabbit.url, queue });
  for (let i = 0; i < fate.messages.length; i += 500)
    await Promise.all(fate.messages.slice(i, i + 500).map((m) => producer.enqueue(m)));
  await producer.close();
}

/** Every message accepted or dead-lettered, none left in the queue, receipts sent. */
async function settle(queue: string, fate: CrashFate): Promise<void> {
  await waitFor(
    async () => fate.acceptedCount === fate.sendable && (await ready(queue)) === 0,
    120_000,
    'every message accepted and the queue empty',
  );
  await waitFor(() => sim.stats().receiptsPending === 0, 30_000, 'every receipt sent');
}

/** Polls the ready count until it holds still for 300 ms. */
async function steadyReady(queue: string): Promise<number> {
  let last = await ready(queue);
  for (;;) {
    await delay(300);
    const now = await ready(queue);
    if (now === last && now >= 0) return now;
    last = now;
  }
}

describe(`chaos: a RabbitMQ-fed replica SIGKILLed, and RabbitMQ restarted (${CHAOS_FULL ? 'full' : 'short'})`, () => {
  it('RabbitMQ SIGKILL: the broker requeues what the killed process held, one fate per message', async () => {
    const queue = `chaos.${randomBytes(3).toString('hex')}`;
    const fate = new CrashFate(`${queue}#`, COUNT);
    fate.watch(sim);
    await enqueueAll(queue, fate);
    const first = replica(queue);
    await first.ready;
    await waitFor(() => fate.acceptedCount >= COUNT * FAULT_AT, 60_000, 'accepted before the kill');
    // Frozen first, so the messages it holds unacknowledged can be counted: what the broker requeues when the
    // SIGKILL closes its connection (the ready count grows by exactly that, nobody else consumes).
    first.child.kill('SIGSTOP');
    const readyWhileFrozen = await steadyReady(queue);
    await first.kill();
    const heldAtKill = (await steadyReady(queue)) - readyWhileFrozen;
    const second = replica(queue);
    await second.ready;
    await settle(queue, fate);
    await second.stop();
    const row = fate.row('RabbitMQ SIGKILL', [first, second], await deadLettered(queue), heldAtKill);
    recordFate(row);
    expectOneFateEach(row, fate);
  }, 180_000);

  it('broker restart (RabbitMQ): the replica pauses, reconnects and finishes, one fate per message', async () => {
    const queue = `chaos.${randomBytes(3).toString('hex')}`;
    const fate = new CrashFate(`${queue}#`, COUNT);
    fate.watch(sim);
    await enqueueAll(queue, fate);
    const r = replica(queue);
    await r.ready;
    await waitFor(() => fate.acceptedCount >= COUNT * FAULT_AT, 60_000, 'accepted before the restart');
    const { held } = (await r.health()) as { held: number };
    await rabbit.halt();
    await rabbit.start();
    await settle(queue, fate);
    await r.stop();
    // A client cannot ask the broker how many messages a consumer held unacknowledged at the halt (the reading
    // above is the replica's own, a moment before): the row records the bound, the prefetch, which follows the
    // window (held + asked ≤ 2 × window).
    console.log(`broker restart (RabbitMQ): the replica held ${held} just before the halt`);
    const row = fate.row('broker restart (RabbitMQ)', [r], await deadLettered(queue), 2 * WINDOW);
    recordFate(row);
    expectOneFateEach(row, fate);
  }, 180_000);
});
