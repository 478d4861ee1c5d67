import { SmppClient } from '../../lib/client/index.js';
import type { ResponseHookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import type { OutboundQueue } from '../../lib/queue/outbound-queue.interface.js';
import { RunMeter } from '../support/measure.js';
import { Completion } from './completion.js';
import type { RunSpec } from './driver.interface.js';
import type { RunResult } from '../support/run-result.js';
import { producerLead } from './producer-lead.js';

export { producerLead };

/**
 * Builds a bare `SmppClient` bound to the simulator, with a latency hook feeding `meter`: the submit → response
 * time of each part, as the afterResponse context's `elapsedMs` gives it (node-smpp's driver times each submit
 * from its call to its callback).
 */
export function benchClient(
  spec: RunSpec,
  meter: { current?: RunMeter },
  queue?: OutboundQueue,
  Client: typeof SmppClient = SmppClient,
): SmppClient {
  return new Client(
    {
      host: '127.0.0.1',
      port: spec.port,
      systemId: 'bench',
      password: 'bench',
      windowSize: spec.window,
      queueCapacity: producerLead(spec.window) * 2,
      logLevel: 'error',
      defaults: { from: 'BENCH', sourceAddrTon: 5, registeredDelivery: spec.receipts },
    },
    {
      ...(queue ? { queue } : {}),
      hooks: {
        afterResponse: (c: ResponseHookContext) => {
          if (c.request.command === 'submit_sm') meter.current?.latency(c.elapsedMs);
        },
      },
    },
  );
}

/** Sends issued at once by the producer: durable queues confirm each enqueue, so one at a time would measure round trips. */
const CONCURRENT_SENDS = 256;

/**
 * Feeds `messages` texts through `send` with a bounded lead over `completion`, at most `CONCURRENT_SENDS`
 * `send()` calls unresolved at once. `base`: completions already counted before this batch (a warm-up's). A counter and one waiter, not `Promise.race` over the pending set: race
 * subscribes to every pending promise on each call, which cost the driver ~700 bytes and a few µs per message
 * (charged to the client under test in an earlier version).
 */
export async function produce(
  messages: number,
  completion: Completion,
  send: (text: string) => Promise<unknown>,
  lead = producerLead(100),
  base = 0,
): Promise<void> {
  let unresolved = 0;
  let failure: unknown;
  let slotFreed: (() => void) | undefined;
  const onSettled = (): void => {
    unresolved--;
    const wake = slotFreed;
    slotFreed = undefined;
    wake?.();
  };
  const onFailed = (error: unknown): void => {
    failure ??= error;
    onSettled();
  };
  for (let i = 0; i < messages; i++) {
    if (failure !== undefined) throw failure;
    if (base + i - completion.done >= lead) await completion.atLeast(base + i - lead / 2);
    unresolved++;
    send(`Your code is ${i % 1_000_000}`).then(onSettled, onFailed);
    if (unresolved >= CONCURRENT_SENDS) await new Promise<void>((resolve) => (slotFreed = resolve));
  }
  while (unresolved > 0) await new Promise<void>((resolve) => (slotFreed = resolve));
  if (failure !== undefined) throw failure;
}

/** What a run's `Completion` counts: the warm-up's messages, then the measured ones. */
export function runCompletion(spec: RunSpec): Completion {
  return new Completion((spec.warmup ?? 0) + spec.messages);
}

/**
 * One measured run on a client already bound: `spec.warmup` texts through `send`, unmeasured, until all are
 * complete (and `settle`d); then a fresh `RunMeter` in `meter` (the latency hook feeds it; it is unset during the
 * warm-up), every measured text through `send` with a producer lead fitting `spec.window`, and the meter's result
 * once `completion` (from {@link runCompletion}) is whole and `settle` (anything the run must finish before it
 * counts, e.g. a ledger's flush) resolved.
 */
export async function measuredRun(
  spec: RunSpec,
  meter: { current?: RunMeter },
  completion: Completion,
  send: (text: string) => Promise<unknown>,
  settle?: () => Promise<void>,
): Promise<RunResult> {
  const warmup = spec.warmup ?? 0;
  meter.current = undefined;
  if (warmup > 0) {
    await produce(warmup, completion, send, producerLead(spec.window));
    await completion.atLeast(warmup);
    await settle?.();
  }
  meter.current = new RunMeter(spec.messages);
  meter.current.start();
  await produce(spec.messages, completion, send, producerLead(spec.window), warmup);
  await completion.all;
  await settle?.();
  return meter.current.finish();
}

/**
 * The bare engine (`Client`: the `SmppClient` class as an entry point exports it): `SmppClient.send()` → in-memory queue (or `queue`, closed after the run) → send loop →
 * session → simulator. Completion is the 'submitted' event (or, with receipts, the 'deliveryReceipt' event).
 */
export async function nazEngineDriver(
  spec: RunSpec,
  queue?: OutboundQueue & { close(): Promise<void> },
  Client: typeof SmppClient = SmppClient,
): Promise<RunResult> {
  const meter: { current?: RunMeter } = {};
  const client = benchClient(spec, meter, queue, Client);
  const completion = runCompletion(spec);
  client.on(spec.receipts ? 'deliveryReceipt' : 'submitted', () => completion.tick());
  client.on('failed', (e) => {
    throw new Error(`bench message failed: ${e.reason}`);
  });
  await client.start();
  await client.waitUntilBound(10_000);
  try {
    return await measuredRun(spec, meter, completion, (text) => client.send({ to: '447700900123', text }));
  } finally {
    await client.stop({ drainTimeoutMs: 1000 });
    await queue?.close();
  }
}
