import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Options of {@link startPostgresServer}. */
export interface PostgresServerOptions {
  /**
   * Extra `postgres -c` settings (`{ max_connections: '40' }`). The defaults keep every durability setting
   * of a production server (fsync, synchronous_commit, full_page_writes): the tests prove what users get.
   */
  settings?: Record<string, string>;
}

/** A throwaway PostgreSQL cluster on a free port with its own data directory (trust authentication). */
export interface PostgresTestServer {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** Stops the server (`pg_ctl stop -m fast`), keeping the data directory, for {@link PostgresTestServer.start}. */
  halt(): Promise<void>;
  /** Starts it again on the same port and directory (after `halt`). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/**
 * The directory of `initdb`/`pg_ctl`: Debian's `postgresql` package puts them under
 * `/usr/lib/postgresql/<major>/bin` (not on PATH); the newest major wins. `NAZ_PG_BIN` overrides it.
 */
export function postgresBinDir(): string {
  const fromEnv = process.env.NAZ_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      `no PostgreSQL server binaries under ${root}/<version>/bin: install the Debian package postgresql (apt-get install -y postgresql) or set NAZ_PG_BIN`,
    );
  }
  return join(root, majors[0]!, 'bin');
}

/**
 * Starts a fresh cluster (`initdb -A trust`, then `pg_ctl start`) on a free port under a temporary directory,
 * listening on 127.0.0.1 only, and waits until it accepts connections. Never touches a server already running
 * on the machine (its port, socket directory and data are its own).
 *
 * @remarks
 * `initdb` refuses to run as root: as root, the binaries run as the `postgres` user (`runuser`) and the
 * directory is handed to that user.
 */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresTestServer> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'naz-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = userInfo().uid === 0;
  const exec = async (tool: string, args: string[]): Promise<void> => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    await run(file, argv, { timeout: 60_000 });
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await exec('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  let port = 0;

  const serverOptions = (): string =>
    [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      ...Object.entries(options.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' ');

  const launch = async (): Promise<void> => {
    try {
      await exec('pg_ctl', ['-D', data, '-o', serverOptions(), '-l', log, '-w', '-t', '30', 'start']);
    } catch (error) {
      const tail = await readFile(log, 'utf8').catch(() => '');
      throw new Error(
        `pg_ctl start failed on port ${port}: ${(error as Error).message}\n${tail.slice(-2000)}`,
        { cause: error },
      );
    }
  };

  const halt = async (): Promise<void> => {
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
  };

  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await halt();
      // Another process may have taken the port between freePort() and the bind: try another one.
      if (attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt,
    start: launch,
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
