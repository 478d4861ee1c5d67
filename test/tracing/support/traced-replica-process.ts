import { fork, type ChildProcess } from 'node:child_process';
import { buildChild } from '../../chaos/support/build-child.js';
import type { SpanRecord } from './span-record.js';
import type { TracedReplicaReport, TracedReplicaRequest } from './traced-replica.js';

/** A replica (./traced-replica.ts) running in its own OS process. */
export interface TracedReplicaProcess {
  readonly child: ChildProcess;
  /** Resolves once its client is bound. */
  readonly ready: Promise<void>;
  /** Receipts it received, with what its correlator found: correlationId, metadata, trace. */
  readonly receipts: Array<Omit<Extract<TracedReplicaReport, { type: 'receipt' }>, 'type'>>;
  /** The spans it has finished so far, asked for over IPC. */
  spans(): Promise<SpanRecord[]>;
  /** Graceful stop (client.stop, provider shutdown), then exit; SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

let replicaJs: string | undefined;

/**
 * Starts a traced replica in its own Node process, transpiled once to `.out/chaos` by `buildChild` (as the
 * durable tests' replicas are). `env` keys are prefixed with NAZ_TEST_.
 */
export function startTracedReplica(env: Record<string, string>): TracedReplicaProcess {
  replicaJs ??= buildChild('test/tracing/support/traced-replica.ts');
  const prefixed = Object.fromEntries(Object.entries(env).map(([k, v]) => [`NAZ_TEST_${k}`, v]));
  const child = fork(replicaJs, [], {
    env: { ...process.env, NODE_OPTIONS: '', ...prefixed },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const receipts: TracedReplicaProcess['receipts'][number][] = [];
  const spanWaiters: Array<(spans: SpanRecord[]) => void> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped: () => void = () => undefined;
  const stoppedReport = new Promise<void>((resolve) => (stopped = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`replica exited before ready (${code ?? signal})`)),
    );
    child.on('message', (message: TracedReplicaReport) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'receipt') {
        const { type: _type, ...receipt } = message;
        receipts.push(receipt);
      } else if (message.type === 'spans') spanWaiters.shift()?.(message.spans);
      else if (message.type === 'stopped') stopped();
    });
  });
  ready.catch(() => undefined);
  const ask = (request: TracedReplicaRequest): void => void child.send(request);
  return {
    child,
    ready,
    receipts,
    spans: () =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          reject(new Error('the replica has exited'));
          return;
        }
        spanWaiters.push(resolve);
        ask({ type: 'spans' });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      ask({ type: 'stop' });
      await Promise.race([stoppedReport, exited]);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
