import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { formatDuration } from './format-duration.js';

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  total: number;
  /** Where the TTY bar is drawn (stderr, so stdout stays a clean event stream). */
  stream: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Receives `progress` events when the stream is not a TTY. */
  logger: NazLogger;
  /** Least time between two plain progress lines. @default 1000 */
  lineIntervalMs?: number;
  now?: () => number;
}

/** Counts so far. */
export interface ProgressCounts {
  accepted: number;
  failed: number;
}

/**
 * Shows batch progress: on a TTY a bar redrawn in place with rate and ETA; otherwise a `progress` log event
 * at most once per `lineIntervalMs` (and one at the end), so CI logs stay short.
 *
 * @remarks
 * Written here rather than taken from `cli-progress`: off a terminal that package prints nothing, or (with
 * `noTTYOutput`) its bar as text on a schedule, while naz-cli's stdout is a stream of structured events where
 * progress must be a `progress` event; and only its multi-bar mode can step aside for a log line written to the
 * same terminal ({@link clearLine}). What it would replace is the dozen lines that draw the bar.
 */
export class ProgressReporter {
  private readonly started: number;
  private readonly now: () => number;
  private lastDraw = -Infinity;
  private readonly tty: boolean;

  constructor(private readonly options: ProgressReporterOptions) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.tty = options.stream.isTTY === true;
  }

  /** Reports new counts; cheap to call on every message. */
  update(counts: ProgressCounts): void {
    const now = this.now();
    const interval = this.tty ? 100 : (this.options.lineIntervalMs ?? 1000);
    if (now - this.lastDraw < interval) return;
    this.lastDraw = now;
    this.emit(counts, now);
  }

  /** Whether a bar is drawn (the stream is a TTY). */
  get drawsBar(): boolean {
    return this.tty;
  }

  /** Erases the bar's line so a log line can be written; the next update draws it again. */
  clearLine(): void {
    if (!this.tty) return;
    this.options.stream.write('\r\x1b[K');
    this.lastDraw = -Infinity;
  }

  /** Draws the final state and ends the bar's line. */
  finish(counts: ProgressCounts): void {
    this.emit(counts, this.now());
    if (this.tty) this.options.stream.write('\n');
  }

  private emit(counts: ProgressCounts, now: number): void {
    const { total } = this.options;
    const done = counts.accepted + counts.failed;
    const elapsedMs = Math.max(1, now - this.started);
    const rate = (done * 1000) / elapsedMs;
    const etaMs = rate > 0 ? ((total - done) / rate) * 1000 : Infinity;
    if (!this.tty) {
      this.options.logger.info('progress', {
        done,
        total,
        accepted: counts.accepted,
        failed: counts.failed,
        ratePerSecond: Math.round(rate * 10) / 10,
        etaSeconds: Number.isFinite(etaMs) ? Math.round(etaMs / 1000) : undefined,
      });
      return;
    }
    const share = total === 0 ? 1 : done / total;
    const width = Math.max(10, Math.min(40, (this.options.stream.columns ?? 80) - 60));
    const filled = Math.round(share * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const eta = done >= total ? formatDuration(elapsedMs) : `ETA ${formatDuration(etaMs)}`;
    this.options.stream.write(
      `\r${bar} ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${total} ok ${counts.accepted} failed ${counts.failed} ${rate.toFixed(1)} msg/s ${eta}\x1b[K`,
    );
  }
}
