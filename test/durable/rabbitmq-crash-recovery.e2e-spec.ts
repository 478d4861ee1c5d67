import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { RabbitMqOutboundQueue } from '../../lib/queue/rabbitmq/rabbitmq-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startRabbitMqServer, type RabbitMqTestServer } from '../support/rabbitmq-server.js';
import { startReplica, waitFor, type ReplicaProcess } from './support/replica-process.js';

const WINDOW = 20;
let rabbit: RabbitMqTestServer;
let sim: SmscSimulator;
/** Accepted submits per message text. */
const accepted = new Map<string, number>();
const replicas: ReplicaProcess[] = [];

beforeAll(async () => {
  rabbit = await startRabbitMqServer();
  sim = await SmscSimulator.start({ receipts: { enabled: false } });
  sim.on('submit', (s) => {
    if (!('short_message' in s.pdu)) return;
    const text = s.pdu.short_message.toString('latin1');
    accepted.set(text, (accepted.get(text) ?? 0) + 1);
  });
}, 90_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill()));
  await sim?.stop();
  await rabbit?.stop();
}, 30_000);

/** Enqueues in bursts of 500; with `packMessages`, each burst travels in packs of that many. */
async function enqueueAll(queue: string, prefix: string, count: number, packMessages = 1): Promise<void> {
  const producer = new RabbitMqOutboundQueue({ url: rabbit.url, queue, packMessages });
  for (let i = 0; i < count; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - i) }, (_, j) =>
        producer.enqueue({
          correlationId: `${prefix}${i + j}`,
          to: '254700000000',
          text: `${prefix}${i + j}`,
        }),
      ),
    );
  }
  await producer.close();
}

function replica(queue: string, name: string): ReplicaProcess {
  const r = startReplica({
    BROKER: 'rabbitmq',
    BROKER_URL: rabbit.url,
    QUEUE: queue,
    NAME: name,
    SMSC_PORT: String(sim.port),
    RECEIPTS: '0',
    WINDOW: String(WINDOW),
  });
  replicas.push(r);
  return r;
}

async function depth(queue: string): Promise<number> {
  const probe = new RabbitMqOutboundQueue({ url: rabbit.url, queue });
  try {
    return await probe.size();
  } finally {
    await probe.close();
  }
}

function countOf(prefix: string, total: number): { missing: number; duplicates: number } {
  let missing = 0;
  let duplicates = 0;
  for (let i = 0; i < total; i++) {
    const n = accepted.get(`${prefix}${i}`) ?? 0;
    if (n === 0) missing++;
    else duplicates += n - 1;
  }
  return { missing, duplicates };
}

describe('RabbitMQ queue with a crashing replica', () => {
  it('loses nothing when the consuming process is SIGKILLed mid-run: a new process finishes, duplicates ≤ in flight', async () => {
    const queue = `crash.${randomBytes(3).toString('hex')}`;
    const total = 10_000;
    await enqueueAll(queue, 'm', total);
    const first = replica(queue, 'first');
    await first.ready;
    await waitFor(() => accepted.size >= 3_000, 60_000, '3000 accepted before the kill');
    await first.kill();
    const acceptedAtKill = accepted.size;
    const second = replica(queue, 'second');
    await second.ready;
    await waitFor(
      async () => accepted.size === total && (await depth(queue)) === 0,
      90_000,
      'every message accepted and the queue empty',
    );
    await second.stop();
    const { missing, duplicates } = countOf('m', total);
    console.log(
      `rabbitmq crash: accepted ${acceptedAtKill} before SIGKILL, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(acceptedAtKill).toBeLessThan(total);
    expect(missing).toBe(0);
    // Unacknowledged at the kill: at most the prefetch, which follows the window (held + asked ≤ 2 × window).
    expect(duplicates).toBeLessThanOrEqual(2 * WINDOW);
  }, 180_000);
});

describe('RabbitMQ queue of packs with a crashing replica', () => {
  it('loses nothing when the consumer of packs is SIGKILLed mid-run; duplicates ≤ the packs it held', async () => {
    const queue = `crash-packs.${randomBytes(3).toString('hex')}`;
    const total = 10_000;
    const pack = 50;
    await enqueueAll(queue, 'p', total, pack);
    const first = replica(queue, 'first-packs');
    await first.ready;
    await waitFor(
      () => countOf('p', total).missing <= total - 3_000,
      60_000,
      '3000 accepted before the kill',
    );
    await first.kill();
    const acceptedAtKill = total - countOf('p', total).missing;
    const second = replica(queue, 'second-packs');
    await second.ready;
    await waitFor(
      async () => countOf('p', total).missing === 0 && (await depth(queue)) === 0,
      90_000,
      'every message accepted and the queue empty',
    );
    await second.stop();
    const { missing, duplicates } = countOf('p', total);
    console.log(
      `rabbitmq packs crash: accepted ${acceptedAtKill} before SIGKILL, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(acceptedAtKill).toBeLessThan(total);
    expect(missing).toBe(0);
    // The broker redelivers whole packs: the prefetch follows the window in packs, (held + asked) / pack + 1,
    // so at most 3 packs at a window of 20 once the first packs told the consumer their size.
    expect(duplicates).toBeLessThanOrEqual(3 * pack);
  }, 180_000);
});

describe('RabbitMQ restarted during a run', () => {
  it('pauses the client, reconnects, and finishes with nothing lost', async () => {
    const queue = `outage.${randomBytes(3).toString('hex')}`;
    const total = 3_000;
    const r = replica(queue, 'outage');
    await r.ready;
    await enqueueAll(queue, 'o', total);
    await waitFor(
      () => countOf('o', total).missing <= total - 1_000,
      60_000,
      '1000 accepted before the outage',
    );
    await rabbit.halt();
    const atHalt = total - countOf('o', total).missing;
    await rabbit.start();
    await waitFor(
      async () => countOf('o', total).missing === 0 && (await depth(queue)) === 0,
      90_000,
      'every message accepted after the restart',
    );
    await r.stop();
    const { missing, duplicates } = countOf('o', total);
    console.log(
      `rabbitmq outage: ${atHalt} accepted before the restart, ${duplicates} duplicates, ${missing} missing`,
    );
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(2 * WINDOW);
  }, 120_000);
});
