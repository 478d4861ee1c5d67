import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorStatsSnapshot } from '../../lib/simulator/index.js';

/** Commands the parent sends to the simulator child. */
export type SimulatorCommand =
  { op: 'receipts'; enabled: boolean } | { op: 'stats' } | { op: 'resetCpu' } | { op: 'stop' };

/** Replies of the simulator child. */
export interface SimulatorReply {
  port?: number;
  stats?: SimulatorStatsSnapshot;
  cpuUs?: number;
}

/**
 * The SMSC simulator in a child process, so the client under test has this process's core to itself and
 * its `process.cpuUsage()` counts only the client.
 */
export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<SimulatorProcess> {
    const entry = fileURLToPath(new URL('./simulator-child.js', import.meta.url));
    // A profiled bench (--cpu-prof) profiles the client, not the simulator.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof'));
    const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const reply = await nextReply(child);
    return new SimulatorProcess(child, reply.port!);
  }

  /** Turns delivery receipts on or off (immediate receipts: delay 0). */
  async setReceipts(enabled: boolean): Promise<void> {
    this.child.send({ op: 'receipts', enabled } satisfies SimulatorCommand);
    await nextReply(this.child);
  }

  /** The child's CPU time so far (user + system, µs): the simulator's cost, read before and after a run. */
  async cpuUs(): Promise<number> {
    this.child.send({ op: 'resetCpu' } satisfies SimulatorCommand);
    return (await nextReply(this.child)).cpuUs!;
  }

  async stats(): Promise<SimulatorStatsSnapshot> {
    this.child.send({ op: 'stats' } satisfies SimulatorCommand);
    return (await nextReply(this.child)).stats!;
  }

  async stop(): Promise<void> {
    this.child.send({ op: 'stop' } satisfies SimulatorCommand);
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

function nextReply(child: ChildProcess): Promise<SimulatorReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`simulator child exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as SimulatorReply);
    });
  });
}
