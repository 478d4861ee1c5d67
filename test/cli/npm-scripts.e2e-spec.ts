import { spawn } from 'node:child_process';
import { connect } from 'node:net';

import { describe, expect, it } from '@jest/globals';

import { decodePdu, encodePdu } from '../../lib/protocol/index.js';

const ROOT = process.cwd();
/** The first run compiles the project (tsc, incremental): minutes on a loaded 2-core machine, seconds after. */
const COMPILE_HEADROOM_MS = 240_000;

interface NpmRun {
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching `predicate`; rejects if the process ends first. */
  line(predicate: (line: string) => boolean): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

/** `npm run -s <script> -- ...args` in the repository, as a user of a clone types it (`-s`: no npm banner on stdout). */
function npmRun(script: string, args: string[]): NpmRun {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: process.env });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (partial !== '') lines.push(partial);
      resolve(code);
    }),
  );
  return {
    lines,
    stderr: () => stderr,
    exited,
    kill: (signal) => child.kill(signal),
    line: (predicate) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = lines.find(predicate);
          if (found === undefined) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
        void exited.then(() => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(
            new Error(`npm run ${script} ended first; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`),
          );
        });
      }),
  };
}

/** Binds as a transmitter over a real socket and returns the answer. */
async function bind(port: number): Promise<ReturnType<typeof decodePdu>> {
  const socket = connect({ host: '127.0.0.1', port });
  try {
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(
      encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: 'clone', password: 'pw' }),
    );
    let received = Buffer.alloc(0);
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readUInt32BE(0)) break;
    }
    return decodePdu(received.subarray(0, received.readUInt32BE(0)));
  } finally {
    socket.destroy();
  }
}

describe('the bins from a clone: npm run smsc / npm run naz-cli', () => {
  it(
    'npm run smsc -- --port 0 compiles, listens, answers a bind, and stops cleanly on SIGTERM',
    async () => {
      const smsc = npmRun('smsc', ['--port', '0']);
      try {
        const listening = JSON.parse(await smsc.line((l) => l.includes('"event":"listening"'))) as {
          port: number;
        };
        expect(listening.port).toBeGreaterThan(0);

        const answer = await bind(listening.port);
        expect(answer).toMatchObject({ command: 'bind_transmitter_resp', command_status: 0 });
      } finally {
        smsc.kill('SIGTERM');
      }
      // npm passes SIGTERM on to the simulator, which prints its exit stats and stops: npm exits 0.
      expect(await smsc.exited).toBe(0);
      const exit = JSON.parse(smsc.lines.filter((l) => l.startsWith('{')).at(-1) ?? '{}') as Record<
        string,
        unknown
      >;
      expect(exit).toMatchObject({ event: 'exit', binds: { transmitter: 1 } });
    },
    COMPILE_HEADROOM_MS,
  );

  it(
    'npm run naz-cli -- ... runs the CLI and passes its exit code through',
    async () => {
      // One run (each compiles incrementally first): a bad command, so the exit code must come back as 2.
      const run = npmRun('naz-cli', ['frobnicate', '-c', 'client.json']);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toContain(
        'naz-cli: unknown command "frobnicate"; expected one of: run, send, enqueue',
      );
    },
    COMPILE_HEADROOM_MS,
  );
});
