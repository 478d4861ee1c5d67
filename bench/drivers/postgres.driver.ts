import { randomBytes } from 'node:crypto';
import { PostgresOutboundQueue } from '../../lib/queue/postgres/index.js';
import type { Driver, RunSpec } from './driver.interface.js';
import { nazEngineDriver, produce, producerLead, runCompletion } from './naz-engine.driver.js';
import { countingPool, perMessage, postgresCpuUs } from '../support/postgres-counters.js';
import { RunMeter } from '../support/measure.js';
import type { RunResult } from '../support/run-result.js';

/** The throwaway cluster `postgres.bench.ts` starts for the run (its children inherit the variable). */
function benchDatabaseUrl(): string {
  const url = process.env.BENCH_PG_URL;
  if (!url) throw new Error('BENCH_PG_URL is not set: the postgres scenario starts a cluster and sets it');
  return url;
}

/**
 * Runs `body` with a fresh outbox table on a counting pool, then checks the table is empty (every message
 * inserted, claimed and acknowledged) and prints the statements (each one round trip) and PostgreSQL's CPU per
 * message: figures that hold whatever the machine's load. `messages` is every message the body sends, its
 * warm-up's included (the counters run across both).
 */
async function withOutbox(
  label: string,
  messages: number,
  body: (queue: PostgresOutboundQueue) => Promise<RunResult>,
): Promise<RunResult> {
  const names = { schema: 'naz_bench', table: `outbox_${randomBytes(4).toString('hex')}` };
  const { pool, counts } = countingPool(benchDatabaseUrl());
  try {
    await PostgresOutboundQueue.migrate(pool, names);
    counts.clear();
    const serverBefore = postgresCpuUs();
    const result = await body(new PostgresOutboundQueue({ pool, ...names }));
    const serverAfter = postgresCpuUs();
    const statements = perMessage(counts, messages);
    const check = new PostgresOutboundQueue({ pool, ...names });
    const health = await check.health();
    await check.close();
    const left = (health.depth ?? -1) + (health.leased ?? 0);
    if (left !== 0 || health.deadLetters !== 0)
      throw new Error(
        `postgres bench: ${left} row(s) left and ${String(health.deadLetters)} dead letter(s) after the run`,
      );
    const server =
      serverBefore === undefined || serverAfter === undefined
        ? ''
        : `; PostgreSQL ${((serverAfter - serverBefore) / messages).toFixed(1)} µs CPU/msg`;
    process.stderr.write(`    ${label}, ${messages} messages: statements/msg ${statements}${server}\n`);
    return result;
  } finally {
    await pool.end();
  }
}

/**
 * End to end through the PostgreSQL outbox: `send()` inserts the row (concurrent sends share one multi-row
 * INSERT), the send loop claims rows with `FOR UPDATE SKIP LOCKED` sized to the free window, submits, and
 * deletes each row after the SMSC's answer (batched). A fresh table per run; the run fails unless the table is
 * empty at the end, so every message was inserted, claimed and acknowledged.
 */
export const postgresQueueDriver: Driver = (spec: RunSpec): Promise<RunResult> =>
  withOutbox('outbox pipeline', (spec.warmup ?? 0) + spec.messages, (queue) => nazEngineDriver(spec, queue));

/**
 * The outbox without the SMSC, the client or its send loop: the same producer (`enqueue`, batched, with the
 * pipeline's lead), one consumer claiming a window at a time and acknowledging each row at once. What the
 * queue and PostgreSQL alone cost: the ceiling of the pipeline on this machine.
 */
export const postgresOutboxOnlyDriver: Driver = (spec: RunSpec): Promise<RunResult> =>
  withOutbox('outbox alone', (spec.warmup ?? 0) + spec.messages, async (queue) => {
    const warmup = spec.warmup ?? 0;
    const completion = runCompletion(spec);
    // Unset during the warm-up (`spec.warmup` messages through the same queue, unmeasured).
    const meter: { current?: RunMeter } = {};
    const stop = new AbortController();
    const consumer = (async () => {
      while (completion.done < warmup + spec.messages) {
        const askedAt = performance.now();
        const deliveries = await queue.receive(spec.window, stop.signal);
        // The latency columns hold the claim's round trip (there is no SMSC here).
        const claimMs = performance.now() - askedAt;
        // The pipeline's send loop does not wait for its acknowledgements either: they are batched per turn.
        for (const delivery of deliveries) {
          void delivery.ack();
          meter.current?.latency(claimMs);
          completion.tick();
        }
      }
    })();
    const enqueue = (text: string) => queue.enqueue({ to: '447700900123', text });
    if (warmup > 0) {
      await produce(warmup, completion, enqueue, producerLead(spec.window));
      await completion.atLeast(warmup);
    }
    meter.current = new RunMeter(spec.messages);
    meter.current.start();
    await produce(spec.messages, completion, enqueue, producerLead(spec.window), warmup);
    await consumer;
    const result = meter.current.finish();
    stop.abort();
    await queue.close();
    return result;
  });
