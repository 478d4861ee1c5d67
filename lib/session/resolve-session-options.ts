import {
  MAX_TIMER_MS,
  RULED_SESSION_OPTIONS,
  SESSION_DEFAULTS,
  SESSION_OPTION_RULES,
  type SessionOptionRule,
} from './session-option-rules.js';
import type { ResolvedSmppSessionOptions, SmppSessionOptions } from './smpp-session-options.interface.js';

/**
 * Applies the defaults of {@link SmppSessionOptions} and checks the values a session cannot run with, both
 * from `SESSION_OPTION_RULES` (the table the client's validation reads too).
 *
 * @throws RangeError / TypeError naming the option and the rule (`windowSize must be an integer in 1..100000,
 * got 0`). The message never contains the password.
 */
export function resolveSessionOptions(options: SmppSessionOptions): ResolvedSmppSessionOptions {
  const resolved = { ...SESSION_DEFAULTS, ...withoutUndefined(options) } as ResolvedSmppSessionOptions;
  for (const name of RULED_SESSION_OPTIONS) {
    check(name, SESSION_OPTION_RULES[name].rule, resolved[name]);
  }
  return resolved;
}

/** Checks a per-request or run-time duration. */
export function positiveDuration(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new RangeError(
      `${name} must be a number of milliseconds in 1..${MAX_TIMER_MS}, got ${String(value)}`,
    );
  }
}

function check(name: string, rule: SessionOptionRule, value: unknown): void {
  switch (rule.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
        throw new RangeError(`${name} must be an integer in ${rule.min}..${rule.max}, got ${String(value)}`);
      }
      return;
    case 'duration':
      positiveDuration(name, value);
      return;
    case 'string':
      if (typeof value !== 'string' || (rule.nonEmpty === true && value.length === 0)) {
        throw new TypeError(
          rule.nonEmpty === true
            ? `${name} must be a non-empty string, got ${JSON.stringify(value)}`
            : `${name} must be a string`,
        );
      }
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        // Never the value: the password is one of these.
        throw new RangeError(
          `${name} must be at most ${rule.maxLength} characters (${rule.section ?? 'SMPP 3.4'})`,
        );
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        throw new RangeError(
          `${name} must be one of ${rule.values.join(', ')}, got ${JSON.stringify(value)}`,
        );
      }
      return;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
