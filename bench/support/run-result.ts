/** What one benchmark run measured. */
export interface RunResult {
  /** Messages (or PDUs) per second over the run, wall clock. */
  msgsPerSec: number;
  /** Client CPU (user + sys, `process.cpuUsage`) per message, microseconds. */
  cpuUsPerMsg: number;
  /** Highest resident set size sampled during the run, MB. */
  peakRssMb: number;
  /** Submit → response latency, milliseconds. */
  p50Ms: number;
  p99Ms: number;
}

/** Fields of a run, in the order tables print them. */
export const RESULT_FIELDS: ReadonlyArray<keyof RunResult> = [
  'msgsPerSec',
  'cpuUsPerMsg',
  'peakRssMb',
  'p50Ms',
  'p99Ms',
];
