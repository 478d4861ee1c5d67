import type { ClientName } from '../drivers/driver.interface.js';
import type { RunResult } from './run-result.js';

/** One scenario × client, as written to `bench/results/latest.json`. */
export interface ScenarioResult {
  name: string;
  client: ClientName;
  /** Which path of our client, when a scenario compares two of ours (`engine`, `nest`, `redis`...). */
  variant?: string;
  window: number;
  n: number;
  /** How this contender ran: socket options, producer lead, warm-up, the entry point it imported... */
  settings: ScenarioSettings;
  runs: RunResult[];
  median: RunResult;
  /**
   * CPU the broker spent per message, µs, in each run (over the whole child, warm-up included) and their
   * median: the `queues` scenario's brokers, when the bench started them.
   */
  brokerCpuUsPerMsg?: { runs: number[]; median: number };
}

/** A scenario's settings as written to the JSON: names a reader can check against the driver's code. */
export type ScenarioSettings = Record<string, string | number | boolean>;

/** A soak run: RSS and heap sampled every second while millions of messages stream through. */
export interface SoakResult {
  name: 'soak';
  client: ClientName;
  window: number;
  n: number;
  msgsPerSec: number;
  samples: Array<{ t: number; sent: number; rssMb: number; heapMb: number }>;
  rssAt200kMb: number;
  rssAtEndMb: number;
  heapAt200kMb: number;
  heapAtEndMb: number;
}
