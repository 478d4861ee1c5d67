/** A stream the CLI writes to, with the TTY facts it needs. */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Everything the CLI touches outside itself, so commands can run in-process in tests and as the real bin.
 */
export interface CliIo {
  /** Structured events (JSON lines or pretty). */
  stdout: CliOutput;
  /** Human output: errors, progress bar, summary table. */
  stderr: CliOutput;
  /** JSON lines for `run --input -`. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Calls `handler` on SIGINT/SIGTERM; returns a function that stops listening. */
  onSignal(handler: (signal: NodeJS.Signals) => void): () => void;
}
