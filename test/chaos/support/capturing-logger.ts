import type { NazLogger } from '../../../lib/logging/naz-logger.interface.js';
import { SecretWitness } from './secret-scan.js';

/** One captured log entry. */
export interface CapturedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * A NazLogger that records every line: each one is searched for the chaos password as it arrives (with errors,
 * buffers and nested fields serialised), counted by level, and the last `keep` lines are kept for diagnosis.
 *
 * @remarks
 * Debug is enabled, so the most talkative paths (options dumps, PDU traces) are searched too.
 */
export class CapturingLogger implements NazLogger {
  readonly counts = { debug: 0, info: 0, warn: 0, error: 0 };
  readonly recent: CapturedLine[] = [];
  /** Messages seen, with how often (to assert that a given event was logged). */
  readonly messages = new Map<string, number>();

  constructor(
    readonly witness: SecretWitness = new SecretWitness(),
    private readonly keep = 200,
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.record('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.record('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.record('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.record('error', message, fields);
  }
  isDebugEnabled(): boolean {
    return true;
  }

  /** Total lines logged. */
  get total(): number {
    return this.counts.debug + this.counts.info + this.counts.warn + this.counts.error;
  }

  /** How many lines had a message starting with `fragment`. */
  count(fragment: string): number {
    let n = 0;
    for (const [message, times] of this.messages) if (message.startsWith(fragment)) n += times;
    return n;
  }

  private record(level: CapturedLine['level'], message: string, fields?: Record<string, unknown>): void {
    this.counts[level]++;
    this.witness.check(`log ${level}`, fields === undefined ? message : [message, fields]);
    if (this.messages.size < 10_000 || this.messages.has(message)) {
      this.messages.set(message, (this.messages.get(message) ?? 0) + 1);
    }
    this.recent.push(fields === undefined ? { level, message } : { level, message, fields });
    if (this.recent.length > this.keep) this.recent.shift();
  }
}
