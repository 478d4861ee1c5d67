import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port.js';

/** A throwaway RabbitMQ node on free ports with its own data, logs, config and Erlang cookie. */
export interface RabbitMqTestServer {
  readonly port: number;
  /** `amqp://guest:guest@127.0.0.1:<port>` */
  readonly url: string;
  readonly nodeName: string;
  /** Milliseconds the first start took (boot of the Erlang VM and the broker). */
  readonly startupMs: number;
  /** Stops the node keeping its data (durable queues, persistent messages), for {@link RabbitMqTestServer.start}. */
  halt(): Promise<void>;
  /** Starts the node again on the same ports and data (after `halt`). */
  start(): Promise<void>;
  /** Stops the node and removes its directory. */
  stop(): Promise<void>;
}

/**
 * The broker script run directly: Debian's `/usr/sbin/rabbitmq-server` wrapper switches to the `rabbitmq`
 * user when run as root, which loses our environment and cannot write our temporary directory.
 */
const SERVER_SCRIPTS = ['/usr/lib/rabbitmq/bin/rabbitmq-server'];

/**
 * Starts `rabbitmq-server` (Debian package `rabbitmq-server`) as a new node with a unique name, free AMQP and
 * distribution ports, and everything in a temporary directory; resolves once it accepts AMQP connections.
 *
 * @remarks
 * Takes a few seconds (about 4 s on a 2-core machine): start one per test file, in `beforeAll`.
 */
export async function startRabbitMqServer(): Promise<RabbitMqTestServer> {
  const script = SERVER_SCRIPTS.find((path) => existsSync(path));
  if (!script)
    throw new Error('rabbitmq-server is not installed: install the Debian package rabbitmq-server');
  const dir = await mkdtemp(join(tmpdir(), 'naz-rabbitmq-'));
  const home = join(dir, 'home');
  await mkdir(home);
  await mkdir(join(dir, 'mnesia'));
  await mkdir(join(dir, 'log'));
  const cookie = join(home, '.erlang.cookie');
  await writeFile(cookie, randomBytes(20).toString('hex'));
  await chmod(cookie, 0o400);
  await writeFile(join(dir, 'enabled_plugins'), '[].\n');

  const port = await freePort();
  const distPort = await freePort();
  const nodeName = `naz-test-${randomBytes(4).toString('hex')}@localhost`;
  await writeFile(
    join(dir, 'rabbitmq.conf'),
    [
      `listeners.tcp.1 = 127.0.0.1:${port}`,
      'loopback_users = none',
      // A small temp disk must not raise the disk alarm, which blocks every publisher.
      'disk_free_limit.absolute = 1MB',
      'log.file.level = warning',
      'log.console = false',
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
  };

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    // detached: the script and the Erlang VM get their own process group, so halt() reaches both.
    const proc = spawn(script, [], { env, cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      proc.once('error', reject);
      proc.once('spawn', () => resolve());
    });
    child = proc;
    await waitForPort(port, 60_000, () => proc.exitCode === null && proc.signalCode === null).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${stderr}`);
      },
    );
  };

  const halt = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const group = -proc.pid;
    signalGroup(group, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    // The VM may outlive the script by a moment; make sure nothing of the node is left.
    await waitForGroupExit(group, 15_000);
  };

  const started = Date.now();
  await launch();
  const startupMs = Date.now() - started;
  return {
    port,
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    nodeName,
    startupMs,
    halt,
    start: launch,
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch {
    // Already gone.
  }
}

async function waitForGroupExit(group: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      signalGroup(group, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
