import { fork, type ChildProcess } from 'node:child_process';
import { buildChild } from '../../chaos/support/build-child.js';

/** A replica (postgres-replica-child.ts) running in its own process. */
export interface PostgresReplica {
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  /** SIGKILL: no drain, no ack, no goodbye. */
  kill(): Promise<void>;
  /** Graceful stop (client.stop, queue.close), then exit. */
  stop(): Promise<void>;
}

/**
 * Forks a replica; `env` keys are prefixed with NAZ_PG_. The child is transpiled once (no type check) to
 * plain JavaScript: starting it through a TypeScript loader takes tens of seconds on a loaded machine.
 */
export function startPostgresReplica(env: Record<string, string>): PostgresReplica {
  const entry = buildChild('test/durable/support/postgres-replica-child.ts');
  const prefixed = Object.fromEntries(Object.entries(env).map(([k, v]) => [`NAZ_PG_${k}`, v]));
  const child: ChildProcess = fork(entry, [], {
    env: { ...process.env, NODE_OPTIONS: '', ...prefixed },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`replica exited before ready (${code ?? signal})`)),
    );
    child.on('message', (message: { type?: string }) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'stopped') stopped();
    });
  });
  ready.catch(() => undefined);
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    ready,
    exited,
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!alive()) return;
      child.send({ type: 'stop' });
      await Promise.race([stoppedPromise, exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}
