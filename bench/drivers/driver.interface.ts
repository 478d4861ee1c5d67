import type { RunResult } from '../support/run-result.js';

/** Which client a run measured (the JSON schema's `client` field). */
export type ClientName = 'nestjs-naz' | 'node-smpp' | 'raw-socket';

/** One benchmark run's parameters. */
export interface RunSpec {
  port: number;
  window: number;
  messages: number;
  /** Count the run done only when every message's delivery receipt has been handled. */
  receipts: boolean;
  /**
   * Unmeasured messages the driver sends first, on the same client (session, socket) it then measures, before
   * its meter starts (default 0). A service runs one long-lived client, so the measured instance is the warmed
   * one, for every contender alike (issue 13: a warm-up on a client of its own left the measured client the
   * process's second instance, which pays V8's re-optimisation round in its first messages).
   */
  warmup?: number;
}

/** Something that pushes `messages` submit_sm through one bind and measures it. */
export type Driver = (spec: RunSpec) => Promise<RunResult>;
