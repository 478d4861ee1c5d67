import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A replica process (test/cluster/support/*-replica.ts) and what it reported. */
export interface ReplicaHandle {
  readonly child: ChildProcess;
  /** Resolves once its client is bound (or, for a standby replica, once it reported 'ready'). */
  readonly ready: Promise<void>;
  /** Log messages it forwarded. */
  readonly logs: string[];
  /** Every IPC message it sent, in order. */
  readonly messages: Array<Record<string, unknown>>;
  readonly exited: Promise<void>;
  /** Asks for a message of `type` and resolves with the reply of the same type. */
  ask(type: string): Promise<Record<string, unknown>>;
  /** SIGKILL: no unbind, no lease release. */
  kill(): Promise<void>;
  /** Graceful stop, then exit. */
  stop(): Promise<void>;
}

/**
 * Starts `script` (a file under test/cluster/support) in its own Node process through ts-node (transpile only),
 * with `env` keys prefixed NAZ_TEST_.
 */
export function startClusterReplica(script: string, env: Record<string, string>): ReplicaHandle {
  const prefixed = Object.fromEntries(Object.entries(env).map(([k, v]) => [`NAZ_TEST_${k}`, v]));
  const child = fork(join(process.cwd(), 'test/cluster/support', script), [], {
    execArgv: ['--loader', 'ts-node/esm', '--no-warnings'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      TS_NODE_TRANSPILE_ONLY: '1',
      TS_NODE_PROJECT: 'tsconfig.json',
      ...prefixed,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const logs: string[] = [];
  const messages: Array<Record<string, unknown>> = [];
  const replies = new Map<string, Array<(message: Record<string, unknown>) => void>>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`replica exited before ready (${code ?? signal})`)),
    );
    child.on('message', (message: Record<string, unknown>) => {
      messages.push(message);
      const type = String(message.type);
      if (type === 'ready') resolve();
      if (type === 'log') logs.push(String(message.message));
      replies.get(type)?.shift()?.(message);
    });
  });
  ready.catch(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    ready,
    logs,
    messages,
    exited,
    ask: (type) =>
      new Promise((resolve, reject) => {
        if (!alive()) return reject(new Error('replica has exited'));
        const list = replies.get(type) ?? [];
        list.push(resolve);
        replies.set(type, list);
        child.send({ type });
      }),
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!alive()) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
