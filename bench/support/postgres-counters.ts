import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** `/proc/<pid>/stat` ticks per second (the kernel's USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

function procStat(pid: string | number): { ppid: number; own: number; reaped: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/**
 * CPU the whole PostgreSQL cluster used so far, in microseconds: the postmaster, its live children (backends,
 * WAL writer, checkpointer, autovacuum) and the children it has reaped (closed connections). Linux only
 * (`/proc`); undefined elsewhere or when `BENCH_PG_PID` is not set.
 */
export function postgresCpuUs(): number | undefined {
  const postmaster = Number(process.env.BENCH_PG_PID);
  if (!postmaster) return undefined;
  const root = procStat(postmaster);
  if (!root) return undefined;
  let ticks = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procStat(entry);
    if (child?.ppid === postmaster) ticks += child.own;
  }
  return (ticks * 1_000_000) / CLOCK_TICKS;
}

/** The postmaster's pid of the server at `url` (read from its data directory's `postmaster.pid`). */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return Number(readFileSync(`${rows[0]!.data_directory}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

/**
 * A `pg.Pool` that counts the statements sent through `pool.query` (each is one round trip), by their first
 * word: what the queue under test sends per message, whatever the machine's load.
 */
export function countingPool(url: string): { pool: pg.Pool; counts: Map<string, number> } {
  const pool = new pg.Pool({ connectionString: url });
  const counts = new Map<string, number>();
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { query: unknown }).query = (...args: unknown[]): unknown => {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text: string }).text;
    const kind = /FOR UPDATE SKIP LOCKED/.test(text) ? 'CLAIM' : (/^\s*(\w+)/.exec(text)?.[1] ?? '?');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return query(...args);
  };
  return { pool, counts };
}

/** `"INSERT 0.004, CLAIM 0.010, DELETE 0.010 (total 0.024)"` per message. */
export function perMessage(counts: Map<string, number>, messages: number): string {
  let total = 0;
  const parts: string[] = [];
  for (const [kind, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    total += n;
    parts.push(`${kind} ${(n / messages).toFixed(4)}`);
  }
  return `${parts.join(', ')} (total ${(total / messages).toFixed(4)})`;
}
