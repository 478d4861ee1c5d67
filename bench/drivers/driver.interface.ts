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
}

/** Something that pushes `messages` submit_sm through one bind and measures it. */
export type Driver = (spec: RunSpec) => Promise<RunResult>;
