import { percentile, round } from './stats.js';
import type { RunResult } from './run-result.js';

/**
 * Records submit → response latencies into a preallocated array (no allocation per message), and turns a
 * timed run into a `RunResult`.
 */
export class RunMeter {
  private readonly latencies: Float64Array;
  private count = 0;
  private startedAt = 0;
  private cpuAtStart: NodeJS.CpuUsage = { user: 0, system: 0 };
  private peakRss = 0;
  private rssTimer: NodeJS.Timeout | undefined;

  constructor(private readonly messages: number) {
    this.latencies = new Float64Array(messages);
  }

  /** Starts the clock, the CPU counter and RSS sampling (every 50 ms). */
  start(): void {
    this.peakRss = process.memoryUsage.rss();
    this.rssTimer = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss > this.peakRss) this.peakRss = rss;
    }, 50);
    this.cpuAtStart = process.cpuUsage();
    this.startedAt = performance.now();
  }

  /** Records one latency in milliseconds. */
  latency(ms: number): void {
    if (this.count < this.latencies.length) this.latencies[this.count++] = ms;
  }

  /** Stops and summarises. */
  finish(): RunResult {
    const elapsedMs = performance.now() - this.startedAt;
    const cpu = process.cpuUsage(this.cpuAtStart);
    clearInterval(this.rssTimer);
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    const sample = this.latencies.subarray(0, this.count);
    return {
      msgsPerSec: round(this.messages / (elapsedMs / 1000), 0),
      cpuUsPerMsg: round((cpu.user + cpu.system) / this.messages, 2),
      peakRssMb: round(this.peakRss / 1_048_576, 1),
      p50Ms: round(percentile(sample, 50), 3),
      p99Ms: round(percentile(sample, 99), 3),
    };
  }
}
