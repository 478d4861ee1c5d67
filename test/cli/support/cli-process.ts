import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CLI_JS } from './build-cli.js';

/** One structured log line of the CLI's stdout. */
export type CliEvent = Record<string, unknown> & { msg: string; level: string };

/** A finished CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (non-JSON lines skipped). */
  events: CliEvent[];
}

/** A running CLI process, with a way to wait for log events. */
export interface CliChild {
  child: ChildProcessWithoutNullStreams;
  events: CliEvent[];
  /** Resolves with the first event (seen or to come) matching `predicate`. */
  waitForEvent(predicate: (event: CliEvent) => boolean, timeoutMs?: number): Promise<CliEvent>;
  /** Resolves when the process exits. */
  done: Promise<CliResult>;
}

/** Folders made by {@link tempDir} in this test file, removed by {@link removeTempDirs}. */
const madeDirs = new Set<string>();

/** A fresh temporary folder for a test's config and input files; remove it with {@link removeTempDirs}. */
export function tempDir(prefix = 'naz-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.add(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made in this test file (call it in `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
  madeDirs.clear();
}

/** Writes `content` (JSON unless a string) to `dir/name` and returns `name`. */
export function writeFile(dir: string, name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}

function parseEvents(text: string): CliEvent[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as CliEvent];
      } catch {
        return [];
      }
    });
}

/**
 * Drops Node's MaxListenersExceededWarning about AbortSignal listeners: the engine's send loop parks one
 * waiter per window slot on its stop signal (lib/client/signal-utils.ts Notifier), which passes Node's default
 * of 10 with windowSize 10. Reported to the engine owner; not a leak (each waiter removes its listener).
 */
function withoutKnownEngineWarnings(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        !/MaxListenersExceededWarning: Possible EventTarget memory leak detected\. \d+ abort listeners/.test(
          line,
        ),
    )
    .filter((line) => !line.startsWith('(Use `node --trace-warnings'))
    .join('\n');
}

/** Spawns `node .out/lib/cli/naz-cli.js ...args` in `cwd`, stdout a pipe (so JSON logs). */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliChild {
  const child = spawn(process.execPath, [CLI_JS, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  const events: CliEvent[] = [];
  const waiters: Array<{ predicate: (e: CliEvent) => boolean; resolve: (e: CliEvent) => void }> = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const event of parseEvents(lines.join('\n'))) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code) =>
      resolve({ code, stdout, stderr: withoutKnownEngineWarnings(stderr), events: parseEvents(stdout) }),
    );
  });
  return {
    child,
    events,
    done,
    waitForEvent(predicate, timeoutMs = 15_000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no matching event within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`),
            ),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
        void done.then(() => {
          clearTimeout(timer);
          reject(new Error(`the CLI exited before a matching event; stdout:\n${stdout}\nstderr:\n${stderr}`));
        });
      });
    },
  };
}

/** Runs the CLI to completion. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string },
): Promise<CliResult> {
  const cli = spawnCli(args, options);
  cli.child.stdin.end(options.stdin ?? '');
  return cli.done;
}
