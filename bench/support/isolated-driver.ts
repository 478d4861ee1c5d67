import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DriverName } from '../drivers/driver-registry.js';
import type { Driver, RunSpec } from '../drivers/driver.interface.js';
import type { RunResult } from './run-result.js';
import type { SoakResult } from './scenario-result.js';

/** What the parent asks a driver child to do. */
export type DriverChildCommand =
  { op: 'run'; driver: DriverName; spec: RunSpec } | { op: 'soak'; spec: RunSpec };

const ENTRY = fileURLToPath(new URL('./driver-child.js', import.meta.url));

function inChild<T>(command: DriverChildCommand): Promise<T> {
  // --expose-gc stays (the soak's settled-heap readings need it); a profiler flag does not.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof'));
  const child = fork(ENTRY, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    child.once('message', (reply: { result?: T; error?: string }) => {
      settled = true;
      if (reply.error !== undefined) reject(new Error(`bench child failed: ${reply.error}`));
      else resolve(reply.result!);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`bench child exited with ${code} before reporting`));
    });
    child.send(command);
  });
}

/**
 * A driver that runs each run in a fresh child process: its CPU time, peak RSS and JIT state belong to that
 * one run of that one client, not to whatever ran before it in a shared process.
 */
export function isolated(driver: DriverName): Driver {
  return (spec: RunSpec): Promise<RunResult> => inChild<RunResult>({ op: 'run', driver, spec });
}

/** The soak in a fresh child process, so its RSS readings start from a clean process. */
export function isolatedSoak(spec: RunSpec): Promise<SoakResult> {
  return inChild<SoakResult>({ op: 'soak', spec });
}
