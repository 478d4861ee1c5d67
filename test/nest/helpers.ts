import { createServer } from 'node:net';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import { SmscSimulator, type SmscSimulatorOptions } from '../../lib/simulator/index.js';
import { pollUntil } from '../support/poll-until.js';

/** Starts a simulator on a free port with fast receipts. */
export function startSimulator(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
  return SmscSimulator.start({ port: 0, receipts: { delayMs: 20 }, ...options });
}

/** Client options for a simulator, with fast reconnects so tests do not wait. */
export function clientOptionsFor(sim: { host: string; port: number }, systemId = 'test') {
  return {
    host: sim.host,
    port: sim.port,
    systemId,
    password: 'secret',
    reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
    drainTimeoutMs: 2000,
    metrics: false,
  };
}

/** Polls `predicate` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  await pollUntil(predicate, { timeoutMs, what, intervalMs: 20 });
}

/** A free TCP port on 127.0.0.1 (listened on, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A logger that keeps every entry, for assertions. */
export class RecordingLogger implements NazLogger {
  readonly entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  debug(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'error', message, fields });
  }
  messages(level?: string): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
  }
}
