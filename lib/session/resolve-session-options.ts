import { MAX_SEQUENCE_NUMBER } from '../protocol/pdu.constants.js';
import {
  SESSION_DEFAULTS,
  type ResolvedSmppSessionOptions,
  type SmppSessionOptions,
} from './smpp-session-options.interface.js';

const BIND_MODES = ['transmitter', 'receiver', 'transceiver'];

/**
 * Applies the defaults of {@link SmppSessionOptions} and checks the values a session cannot run with.
 *
 * @throws RangeError / TypeError naming the option and the rule (`windowSize must be an integer >= 1, got 0`).
 * The message never contains the password.
 */
export function resolveSessionOptions(options: SmppSessionOptions): ResolvedSmppSessionOptions {
  const resolved = { ...SESSION_DEFAULTS, ...withoutUndefined(options) } as ResolvedSmppSessionOptions;
  if (typeof resolved.host !== 'string' || resolved.host.length === 0) {
    throw new TypeError(`host must be a non-empty string, got ${JSON.stringify(resolved.host)}`);
  }
  integerIn('port', resolved.port, 1, 65535);
  if (typeof resolved.systemId !== 'string') throw new TypeError('systemId must be a string');
  if (typeof resolved.password !== 'string') throw new TypeError('password must be a string');
  if (!BIND_MODES.includes(resolved.bindMode)) {
    throw new RangeError(
      `bindMode must be one of ${BIND_MODES.join(', ')}, got ${JSON.stringify(resolved.bindMode)}`,
    );
  }
  integerIn('interfaceVersion', resolved.interfaceVersion, 0, 255);
  integerIn('addrTon', resolved.addrTon, 0, 255);
  integerIn('addrNpi', resolved.addrNpi, 0, 255);
  integerIn('windowSize', resolved.windowSize, 1, MAX_SEQUENCE_NUMBER);
  integerIn('maxPendingInbound', resolved.maxPendingInbound, 1, Number.MAX_SAFE_INTEGER);
  integerIn('maxCommandLength', resolved.maxCommandLength, 16, 0x7fffffff);
  for (const name of [
    'windowWaitTimeoutMs',
    'connectTimeoutMs',
    'bindTimeoutMs',
    'responseTimeoutMs',
    'enquireLinkIntervalMs',
    'enquireLinkTimeoutMs',
    'unbindTimeoutMs',
  ] as const) {
    positiveDuration(name, resolved[name]);
  }
  return resolved;
}

/** Checks a per-request or run-time duration. */
export function positiveDuration(name: string, value: unknown): void {
  // setTimeout treats more than 2^31-1 ms as 1 ms, which would turn a long timeout into an instant one.
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 0x7fffffff) {
    throw new RangeError(`${name} must be a number of milliseconds in 1..2147483647, got ${String(value)}`);
  }
}

function integerIn(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
