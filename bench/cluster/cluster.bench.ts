/**
 * Scale-out bench: 3 replica processes consume one Redis Streams queue and submit to one simulator as one
 * account, (a) unlimited, for the aggregate throughput of the durable pipeline shared by replicas, and (b)
 * paced by the shared RedisRateLimiter, for the accuracy of the contract across replicas.
 *
 * Run: `npm run bench:cluster` (starts its own redis-server on a free port). Writes bench/results/cluster.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RedisOutboundQueue } from '../../lib/queue/redis/redis-outbound-queue.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { startBenchRedis } from './redis-process.js';

const REPLICAS = 3;
const MESSAGES = Number(process.env.BENCH_CLUSTER_MESSAGES ?? 20_000);
const CONTRACT = Number(process.env.BENCH_CLUSTER_RATE ?? 2_000);

interface ClusterRun {
  scenario: string;
  replicas: number;
  messages: number;
  contractPerSecond: number | null;
  seconds: number;
  aggregatePerSecond: number;
  /** achieved / contract (1 = exact). */
  accuracy: number | null;
  maxPerClockSecond: number;
  perReplicaShare: number[];
}

function startReplica(args: string[]): { child: ChildProcess; ready: Promise<void> } {
  const entry = fileURLToPath(new URL('./cluster-replica.js', import.meta.url));
  const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
    child.on('message', (m: { type?: string }) => m.type === 'ready' && resolve());
  });
  return { child, ready };
}

async function run(redisUrl: string, scenario: string, perSecond: number): Promise<ClusterRun> {
  const sim = await SmscSimulator.start({ receipts: { enabled: false } });
  const stream = `bench:cluster:${randomBytes(4).toString('hex')}`;
  const times: number[] = [];
  const byConnection = new Map<number, number>();
  sim.on('submit', (s) => {
    times.push(Date.now());
    byConnection.set(s.connectionId, (byConnection.get(s.connectionId) ?? 0) + 1);
  });
  // The backlog a real service has when replicas start: every message already in the stream.
  const producer = new RedisOutboundQueue({ connection: redisUrl, stream });
  for (let i = 0; i < MESSAGES; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) =>
        producer.enqueue({
          correlationId: `m${i + j}`,
          from: 'NAZ',
          to: '447700900001',
          text: 'cluster bench',
        }),
      ),
    );
  }
  await producer.close();
  const replicas = Array.from({ length: REPLICAS }, (_, i) =>
    startReplica([redisUrl, stream, String(sim.port), `r${i}`, String(perSecond)]),
  );
  await Promise.all(replicas.map((r) => r.ready));
  while (times.length < MESSAGES) await new Promise((r) => setTimeout(r, 100));
  for (const r of replicas) r.child.send({ type: 'stop' });
  await Promise.all(replicas.map((r) => new Promise((resolve) => r.child.once('exit', resolve))));
  await sim.stop();
  const seconds = (times[times.length - 1] - times[0]) / 1000;
  const perClock = new Map<number, number>();
  for (const t of times) perClock.set(Math.floor(t / 1000), (perClock.get(Math.floor(t / 1000)) ?? 0) + 1);
  const aggregate = MESSAGES / seconds;
  return {
    scenario,
    replicas: REPLICAS,
    messages: MESSAGES,
    contractPerSecond: perSecond > 0 ? perSecond : null,
    seconds: Number(seconds.toFixed(2)),
    aggregatePerSecond: Math.round(aggregate),
    accuracy: perSecond > 0 ? Number((aggregate / perSecond).toFixed(3)) : null,
    maxPerClockSecond: Math.max(...perClock.values()),
    perReplicaShare: [...byConnection.values()].map((n) => Number((n / MESSAGES).toFixed(3))),
  };
}

const redis = await startBenchRedis();
try {
  const results = [
    await run(redis.url, '3 replicas, one Redis queue, unlimited', 0),
    await run(redis.url, `3 replicas, one Redis queue, shared limit ${CONTRACT}/s`, CONTRACT),
  ];
  console.table(
    results.map(({ perReplicaShare, ...rest }) => ({ ...rest, shares: perReplicaShare.join(' / ') })),
  );
  const out = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  await mkdir(out, { recursive: true });
  await writeFile(
    `${out}cluster.json`,
    `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
  );
} finally {
  await redis.stop();
}
