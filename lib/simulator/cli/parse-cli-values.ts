import { isReceiptState, type ReceiptStateMix } from '../receipts/receipt-state.js';
import type { DelaySpec, SimulatorCredential } from '../simulator-options.interface.js';
import { CliArgumentError } from './cli-argument.error.js';

// The value parsers of naz-smsc's flags: each turns one flag's text into its option value (undefined when the
// flag is absent), or throws a CliArgumentError naming the flag and what it accepts.

/** An integer >= `min`. */
export function integer(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliArgumentError(`--${flag} "${value}" must be an integer >= ${min}.`);
  return n;
}

/** A number > 0. */
export function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliArgumentError(`--${flag} "${value}" must be a number > 0.`);
  return n;
}

/** `150` or `10-200` (ms). */
export function delay(flag: string, value: string | undefined): DelaySpec | undefined {
  if (value === undefined) return undefined;
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (max < min) throw new CliArgumentError(`--${flag} "${value}": the minimum is above the maximum.`);
    return { min, max };
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new CliArgumentError(`--${flag} "${value}" must be ms, or a range min-max.`);
  return n;
}

/** One of `allowed`. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliArgumentError(`--${flag} "${value}" must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** `DELIVRD=8,UNDELIV=1`: receipt states with weights. */
export function stateMix(value: string | undefined): ReceiptStateMix | undefined {
  if (value === undefined) return undefined;
  const mix: ReceiptStateMix = {};
  for (const entry of value.split(',')) {
    const [name, weight = '1'] = entry.split('=');
    if (!isReceiptState(name))
      throw new CliArgumentError(`--receipt-states: "${name}" is not a receipt state.`);
    const w = Number(weight);
    if (!Number.isFinite(w) || w < 0)
      throw new CliArgumentError(`--receipt-states: weight "${weight}" of ${name} must be >= 0.`);
    mix[name] = w;
  }
  return mix;
}

/** `system_id:password`. */
export function credential(value: string): SimulatorCredential {
  const at = value.indexOf(':');
  // The value is not echoed: it may be a password typed without its system_id.
  if (at <= 0) throw new CliArgumentError('--credential must look like system_id:password.');
  return { system_id: value.slice(0, at), password: value.slice(at + 1) };
}

/** Drops undefined values so option objects only hold what was given. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
