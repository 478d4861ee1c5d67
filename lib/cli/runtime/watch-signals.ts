import type { CliIo } from './cli-io.interface.js';

/** A SIGINT/SIGTERM watch: `signal` aborts on the first one; `received` resolves with its name. */
export interface SignalWatch {
  signal: AbortSignal;
  received: Promise<NodeJS.Signals>;
  dispose(): void;
}

/** Starts watching SIGINT/SIGTERM through the CLI's io (the bin wires the process; tests can fake it). */
export function watchSignals(io: CliIo): SignalWatch {
  const controller = new AbortController();
  let resolve!: (signal: NodeJS.Signals) => void;
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const stop = io.onSignal((name) => {
    if (controller.signal.aborted) return;
    controller.abort();
    resolve(name);
  });
  return { signal: controller.signal, received, dispose: stop };
}
