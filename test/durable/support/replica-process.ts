import { fork, type ChildProcess } from 'node:child_process';
import { buildChild } from '../../chaos/support/build-child.js';
import { pollUntil } from '../../support/poll-until.js';

/** What a replica process reports over IPC. */
export type ReplicaMessage =
  | { type: 'ready' }
  | { type: 'receipt'; correlationId?: string; messageId: string }
  | { type: 'submitted'; correlationId: string }
  | { type: 'failed'; correlationId: string; reason: string }
  | { type: 'health'; health: Record<string, unknown> }
  | { type: 'stopped'; stats: Record<string, unknown> };

/** A replica (test/durable/support/durable-consumer.ts) running in a child process. */
export interface ReplicaProcess {
  readonly child: ChildProcess;
  /** Resolves once its client is bound. */
  readonly ready: Promise<void>;
  /** Receipts it received, with the correlationId its correlator found (undefined when not found). */
  readonly receipts: Array<{ correlationId?: string; messageId: string }>;
  /** correlationIds it submitted (accepted), when started with REPORT_SUBMITTED=1. */
  readonly submitted: Set<string>;
  /** correlationIds it reported failed, with the reason, when started with REPORT_SUBMITTED=1. */
  readonly failed: Map<string, string>;
  /** Its queue's `health()` (e.g. `held`: messages it holds now). */
  health(): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** SIGKILL: no drain, no ack, no goodbye. */
  kill(): Promise<void>;
  /** Graceful stop (client.stop, queue close), then exit. */
  stop(): Promise<void>;
}

let consumerJs: string | undefined;

/**
 * Starts a replica in its own Node process. The TypeScript sources are transpiled once to `.out/chaos` (no type
 * check, see `buildChild`), so the test needs no build step and a replica starts in about a second (ts-node
 * took 10-15 s on a loaded 2-core machine). `env` keys are prefixed with NAZ_TEST_.
 */
export function startReplica(env: Record<string, string>): ReplicaProcess {
  consumerJs ??= buildChild('test/durable/support/durable-consumer.ts');
  const prefixed = Object.fromEntries(Object.entries(env).map(([k, v]) => [`NAZ_TEST_${k}`, v]));
  const child = fork(consumerJs, [], {
    env: { ...process.env, NODE_OPTIONS: '', ...prefixed },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const receipts: Array<{ correlationId?: string; messageId: string }> = [];
  const submitted = new Set<string>();
  const failed = new Map<string, string>();
  const healthWaiters: Array<(health: Record<string, unknown>) => void> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`replica exited before ready (${code ?? signal})`)),
    );
    child.on('message', (message: ReplicaMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'receipt')
        receipts.push({ correlationId: message.correlationId, messageId: message.messageId });
      else if (message.type === 'submitted') submitted.add(message.correlationId);
      else if (message.type === 'failed') failed.set(message.correlationId, message.reason);
      else if (message.type === 'health') healthWaiters.shift()?.(message.health);
      else if (message.type === 'stopped') stopped();
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    receipts,
    submitted,
    failed,
    health: () =>
      new Promise((resolve) => {
        healthWaiters.push(resolve);
        child.send({ type: 'health' });
      }),
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      await Promise.race([stoppedPromise, exited]);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `condition` every 20 ms until it holds, or fails after `timeoutMs` with `what` (and `describe()`'s state). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  describe?: () => unknown,
): Promise<void> {
  await pollUntil(condition, { timeoutMs, what, intervalMs: 20, describe });
}
