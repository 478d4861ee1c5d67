import type { SmscSimulator } from '../../../lib/simulator/smsc-simulator.js';

/** Timestamps of every submit the simulator accepted, for rate checks across replicas. */
export class RateMeter {
  readonly accepted: number[] = [];
  private readonly onSubmit = () => void this.accepted.push(Date.now());

  constructor(private readonly sim: SmscSimulator) {
    sim.on('submit', this.onSubmit);
  }

  detach(): void {
    this.sim.off('submit', this.onSubmit);
  }

  /** Accepted submits with a timestamp in [from, to). */
  countBetween(from: number, to: number): number {
    return this.accepted.filter((t) => t >= from && t < to).length;
  }

  /**
   * The most submits in one clock second (aligned, [k s, k+1 s)), as an SMSC counting per second sees them.
   * Seconds partly outside [from, to) are left out.
   */
  maxPerClockSecond(from: number, to: number): number {
    const counts = new Map<number, number>();
    for (const t of this.accepted) {
      const second = Math.floor(t / 1000);
      if (second * 1000 >= from && (second + 1) * 1000 <= to)
        counts.set(second, (counts.get(second) ?? 0) + 1);
    }
    return Math.max(0, ...counts.values());
  }

  /** The most submits in any window of `windowMs` (sliding) within [from, to). */
  maxInWindow(windowMs: number, from = 0, to = Infinity): number {
    const times = this.accepted.filter((t) => t >= from && t < to).sort((a, b) => a - b);
    let max = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= windowMs) start++;
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}

/** Resolves after `ms`. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
