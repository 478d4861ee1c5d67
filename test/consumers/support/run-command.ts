import { spawn } from 'node:child_process';

/** What a finished command printed, and how it ended. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs a command to its end, stdout and stderr interleaved in `output`. Rejects with that output when it exits
 * non-zero, so a failing `npm install` or `nest build` shows its own error in the test report.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: childEnv(options.env ?? process.env) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result = { code, signal, output };
      if (code === 0 || options.allowFailure) resolve(result);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code ?? signal} in ${options.cwd}:\n${output}`,
          ),
        );
    });
  });
}

/**
 * The environment of a consumer's command: ours without what Jest set for itself (`NODE_OPTIONS` with
 * `--experimental-vm-modules`, the worker id), so the app's tools run as they would for its developers.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, JEST_WORKER_ID: _worker, ...rest } = env;
  return rest;
}
