import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import type { PduInput } from '../../lib/protocol/pdu.types.js';
import { SmppSession, type SmppSessionOptions } from '../../lib/session/index.js';
import { pollUntil } from '../support/poll-until.js';

/** A logger that keeps every entry, to assert on what the session logged. */
export class MemoryLogger implements NazLogger {
  readonly entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  debug(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.entries.push({ level: 'error', message, fields });
  }
  isDebugEnabled(): boolean {
    return true;
  }
  /** Everything logged, as one string (to check that a secret never appears). */
  text(): string {
    return JSON.stringify(this.entries);
  }
}

/** A session against 127.0.0.1:port with test-friendly defaults. */
export function sessionFor(port: number, options: Partial<SmppSessionOptions> = {}): SmppSession {
  return new SmppSession({
    host: '127.0.0.1',
    port,
    systemId: 'esme',
    password: 'secret',
    connectTimeoutMs: 2_000,
    bindTimeoutMs: 2_000,
    responseTimeoutMs: 2_000,
    enquireLinkIntervalMs: 60_000,
    unbindTimeoutMs: 500,
    ...options,
  });
}

/** A minimal valid submit_sm. */
export function submitSm(text = 'hello'): PduInput<'submit_sm'> {
  return { command: 'submit_sm', destination_addr: '447700900123', short_message: Buffer.from(text) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds (fails the test after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  await pollUntil(condition, { timeoutMs, intervalMs: 5 });
}

/** Settles a promise into its outcome, so a test can assert on rejections without unhandled ones. */
export async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}
