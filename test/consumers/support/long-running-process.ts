import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { childEnv } from './run-command.js';

/**
 * A server process (the app, `naz-smsc`) whose output the test reads line by line while it runs.
 */
export class LongRunningProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn(command, args, { cwd: options.cwd, env: childEnv(options.env) });
    this.child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Everything printed so far. */
  get log(): string {
    return this.output;
  }

  /** Waits until a line matches `pattern` (polling; the process is slow to start on a loaded machine). */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (exitedEarly) throw new Error(`process exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal` and waits for the exit. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
