import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Persist every write (AOF, fsync always) so a restart keeps the data, as a production Redis would. @default false */
  persistent?: boolean;
}

/** A throwaway `redis-server` on a free port with its own data directory. */
export interface RedisTestServer {
  readonly port: number;
  readonly url: string;
  /** The server's process id while it runs (for its CPU time in the bench). */
  readonly pid: number | undefined;
  /** Stops it (SIGTERM, then SIGKILL) keeping the data directory, for {@link RedisTestServer.start}. */
  halt(): Promise<void>;
  /** Starts it again on the same port and directory (after `halt`). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` (Debian package `redis-server`) on a free port with a temporary directory and waits
 * until it answers PING. Never touches a Redis already running on the machine.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'naz-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--protected-mode',
      'no',
    ];
    args.push(
      ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    );
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const spawned = new Promise<void>((resolve, reject) => {
      proc.once('error', (error) =>
        reject(
          new Error(`cannot run redis-server (${error.message}); install the Debian package redis-server`),
        ),
      );
      proc.once('spawn', () => resolve());
    });
    await spawned;
    child = proc;
    await waitForPong(port, 10_000, () => proc.exitCode === null && proc.signalCode === null).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${stderr}`);
      },
    );
  };

  const halt = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await halt();
      // Another process may have taken the port between freePort() and the bind: try another one.
      if (attempt >= 3) throw error;
    }
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    halt,
    start: launch,
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(port: number, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let reply = '';
      socket.setTimeout(1_000, () => socket.destroy());
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        if (reply.includes('\r\n')) {
          socket.destroy();
          resolve(reply.startsWith('+PONG'));
        }
      });
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
    });
    if (pong) return;
    if (!isAlive()) throw new Error(`redis-server exited before answering PING on port ${port}`);
    if (Date.now() > deadline)
      throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
