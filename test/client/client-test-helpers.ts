import { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmppClientOptions } from '../../lib/client/smpp-client-options.interface.js';
import type { SmppClientPolicies } from '../../lib/client/smpp-client-policies.interface.js';
import type { NazLogger } from '../../lib/logging/naz-logger.interface.js';
import { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import type { SmscSimulatorOptions } from '../../lib/simulator/simulator-options.interface.js';
import { pollUntil } from '../support/poll-until.js';

export const SYSTEM_ID = 'esme1';
export const PASSWORD = 'pw2775x';

/** A logger that keeps every entry (as a JSON line) for assertions. */
export class CapturingLogger implements NazLogger {
  readonly lines: string[] = [];
  debug(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'debug', message, ...fields }));
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'info', message, ...fields }));
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...fields }));
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'error', message, ...fields }));
  }
  isDebugEnabled(): boolean {
    return true;
  }
}

/** Starts a simulator that accepts SYSTEM_ID / PASSWORD. */
export function startSimulator(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
  return SmscSimulator.start({ credentials: [{ system_id: SYSTEM_ID, password: PASSWORD }], ...options });
}

/** Client options for a simulator, with timeouts small enough for tests. */
export function clientOptions(
  sim: { port: number },
  extra: Partial<SmppClientOptions> = {},
): SmppClientOptions {
  return {
    host: '127.0.0.1',
    port: sim.port,
    systemId: SYSTEM_ID,
    password: PASSWORD,
    logLevel: 'error',
    connectTimeoutMs: 1000,
    bindTimeoutMs: 1000,
    responseTimeoutMs: 2000,
    unbindTimeoutMs: 500,
    drainTimeoutMs: 2000,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    retry: { initialDelayMs: 10, maxDelayMs: 100, ...extra.retry },
    defaults: { from: 'ACME', sourceAddrTon: 5, ...extra.defaults },
    ...extra,
  } as SmppClientOptions;
}

/** Creates a client (quiet logger unless given) and starts it. */
export async function startClient(
  sim: { port: number },
  extra: Partial<SmppClientOptions> = {},
  policies: SmppClientPolicies = {},
): Promise<SmppClient> {
  const client = new SmppClient(clientOptions(sim, extra), { logger: new CapturingLogger(), ...policies });
  await client.start();
  return client;
}

/** Resolves when `predicate` holds, polling every 5 ms; rejects after `timeoutMs`. */
export async function until(
  predicate: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
  diagnose?: () => unknown,
): Promise<void> {
  await pollUntil(predicate, { timeoutMs, what, intervalMs: 5, describe: diagnose });
}
